package org.equikern.train;

/**
 * A configuration value that is missing, unknown, of the wrong type or out of range. The message
 * starts with the field's path (for example {@code model.num_basis}); a command line reports it and
 * exits 2.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The dotted path of the field at fault. */
    private final String field;

    /**
     * A problem with the field at {@code field}, described by {@code problem}.
     *
     * @param field the field's dotted path, e.g. {@code model.num_basis}
     * @param problem what is wrong with it
     */
    public ConfigException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /**
     * The dotted path of the field, e.g. {@code lr_scheduler.patience}.
     *
     * @return the path
     */
    public String field() {
        return field;
    }
}
