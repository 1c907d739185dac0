package org.equikern.ops.tensorproduct;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one generated, self-contained class with the JDK's own compiler ({@code javax.tools},
 * module {@code jdk.compiler}) in memory and loads it in a class loader of its own, so it is
 * unloaded with its users. Runtimes without the compiler (a JRE, a jlink image without
 * {@code jdk.compiler}) get null and callers keep their table-driven code.
 */
final class InMemoryCompiler {
    private InMemoryCompiler() {
    }

    /** Whether this runtime has a Java compiler. */
    static boolean available() {
        return compiler() != null;
    }

    /**
     * The class {@code packageName.className} compiled from {@code source} (reading
     * {@code jdk.incubator.vector} when {@code vectorApi}), or null without a compiler.
     *
     * @throws IllegalStateException if the source does not compile (a generator bug)
     */
    static Class<?> compile(String packageName, String className, String source, boolean vectorApi) {
        JavaCompiler javac = compiler();
        if (javac == null) return null;
        String binaryName = packageName + "." + className;
        Map<String, byte[]> classes = new HashMap<>();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            JavaFileManager memory = new ForwardingJavaFileManager<JavaFileManager>(files) {
                @Override
                public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
                                                           FileObject sibling) {
                    return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + kind.extension),
                            kind) {
                        @Override
                        public OutputStream openOutputStream() {
                            return new ByteArrayOutputStream() {
                                @Override
                                public void close() {
                                    classes.put(name, toByteArray());
                                }
                            };
                        }
                    };
                }
            };
            JavaFileObject file = new SimpleJavaFileObject(
                    URI.create("string:///" + binaryName.replace('.', '/') + JavaFileObject.Kind.SOURCE.extension),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            List<String> options = new java.util.ArrayList<>(List.of("-g:none", "-proc:none", "--release", "17",
                    "-nowarn"));
            // javac's note on the incubator module goes to the diagnostics, which only a failure shows.
            if (vectorApi) options.addAll(List.of("--add-modules", "jdk.incubator.vector"));
            if (!javac.getTask(diagnostics, memory, null, options, null, List.of(file)).call()) {
                throw new IllegalStateException("generated class " + binaryName + " does not compile:\n" + diagnostics);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("closing the compiler's file manager failed", e);
        }
        byte[] bytes = classes.get(binaryName);
        return new ClassLoader(InMemoryCompiler.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(binaryName, bytes, 0, bytes.length);
            }
        }.define();
    }

    private static JavaCompiler compiler() {
        try {
            return ToolProvider.getSystemJavaCompiler();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
