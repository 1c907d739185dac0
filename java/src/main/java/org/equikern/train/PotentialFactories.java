package org.equikern.train;

import java.util.ServiceLoader;
import java.util.TreeMap;

/** The model types on the class path: every {@link PotentialFactory} that {@link ServiceLoader} finds. */
public final class PotentialFactories {
    private PotentialFactories() {
    }

    /**
     * The factory of {@code type} (case-sensitive); the error, for field {@code field}, lists the known
     * types.
     *
     * @param type the model type, e.g. {@code pair}
     * @param field the config field holding it, for the message
     * @return the factory
     * @throws ConfigException for an unknown type, listing the known ones
     */
    public static PotentialFactory find(String type, String field) {
        TreeMap<String, PotentialFactory> known = all();
        PotentialFactory f = known.get(type);
        if (f == null) {
            throw new ConfigException(field, "unknown model type '" + type + "'; known: " + known.keySet());
        }
        return f;
    }

    /**
     * Every factory by type name, sorted.
     *
     * @return a new map of the factories found by {@link java.util.ServiceLoader}
     */
    public static TreeMap<String, PotentialFactory> all() {
        TreeMap<String, PotentialFactory> known = new TreeMap<>();
        for (PotentialFactory f : ServiceLoader.load(PotentialFactory.class, PotentialFactories.class.getClassLoader())) {
            known.put(f.type(), f);
        }
        return known;
    }
}
