package org.equikern.gemm;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

/**
 * Finds kernels written on the Vector API. Their classes live in {@code src/main/java-vector}, which
 * is compiled apart (javac warns on every use of an incubator module, and the library builds with
 * {@code -Werror}); they name no library type and are found by name at run time, only where the JVM
 * resolved {@code jdk.incubator.vector}. The library's module reads the incubator module only from
 * here: a {@code requires} would make every JVM resolve it.
 */
public final class VectorApi {
    /** The incubator module when this JVM resolved it; looked up once. */
    private static final Optional<Module> MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector");

    private VectorApi() {
    }

    /**
     * Whether this JVM resolved the incubator module.
     *
     * @return true when it runs with {@code --add-modules jdk.incubator.vector}
     */
    public static boolean isAvailable() {
        return MODULE.isPresent();
    }

    /**
     * The static method {@code name} of type {@code type} in the Vector API class {@code className},
     * or null when the JVM did not resolve the incubator module.
     *
     * @param lookup the caller's lookup, which must have access to the kernel class
     * @param className the kernel class's binary name
     * @param name the method's name
     * @param type the method's type
     * @return the method, or null without the incubator module
     * @throws IllegalStateException when the module is there but the class or method is not: the
     *         build puts every Vector API class into the library, so a jar without it is broken
     */
    public static MethodHandle findStatic(MethodHandles.Lookup lookup, String className, String name, MethodType type) {
        if (MODULE.isEmpty()) return null;
        VectorApi.class.getModule().addReads(MODULE.get());
        try {
            return lookup.findStatic(Class.forName(className), name, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(className + "." + name + " missing from the library", e);
        }
    }

    /**
     * What a Vector API kernel call's {@code Throwable} becomes: kernels declare no checked exception,
     * so runtime exceptions and errors pass through and anything else is wrapped.
     *
     * @param e what {@code invokeExact} threw
     * @return the exception to throw
     */
    public static RuntimeException unchecked(Throwable e) {
        if (e instanceof RuntimeException) return (RuntimeException) e;
        if (e instanceof Error) throw (Error) e;
        return new IllegalStateException(e);
    }
}
