package org.equikern.nativeloader;

/**
 * Whether an optional binding (JOCL, JCuda) is on the class path. Both are optional dependencies: a
 * java-only user leaves them out, and the probes then report that instead of failing to link.
 */
final class ClassPath {
    private ClassPath() {}

    /** True when {@code className} can be loaded (without initializing it) by this library's loader. */
    static boolean has(String className) {
        try {
            Class.forName(className, false, ClassPath.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
