package org.equikern.nativeloader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the kernels packaged in the jar under {@code /kernels/}:
 * <ul>
 *   <li>{@code common/*.h}: the single-source prelude and kernel bodies;
 *   <li>{@code opencl/<name>.cl}: OpenCL entry points, which {@code #include} common headers;
 *   <li>{@code cuda-bin/<name>.<f32|f64>.fatbin}: CUDA binaries compiled at build time by
 *       {@code kernels/build-cuda.sh}.
 * </ul>
 * OpenCL builds a program from one string, so {@link #openClSource} inlines every
 * {@code #include "..."} itself (relative to the including file, each file once, with
 * {@code #line} markers so compiler messages name the original file and line).
 */
public final class KernelResources {
    static final String ROOT = "/kernels/";
    private static final Pattern INCLUDE = Pattern.compile("^\\s*#\\s*include\\s+\"([^\"]+)\"\\s*$");

    private KernelResources() {}

    /** The OpenCL program {@code /kernels/opencl/<name>.cl} with its includes inlined. */
    public static String openClSource(String name) {
        return source("opencl/" + name + ".cl");
    }

    /**
     * The kernel source at {@code /kernels/<path>} with its includes inlined.
     *
     * @throws KernelResourceException naming the missing file, and the file that included it
     */
    public static String source(String path) {
        StringBuilder out = new StringBuilder();
        inline(normalize(path), null, new HashSet<>(), out);
        return out.toString();
    }

    /**
     * The CUDA fatbin {@code /kernels/cuda-bin/<name>.fatbin}, e.g. {@code gather_scatter.f64}.
     *
     * @throws KernelResourceException when the jar holds no such binary (it was built without nvcc)
     */
    public static byte[] cudaBinary(String name) {
        String resource = ROOT + "cuda-bin/" + name + ".fatbin";
        byte[] bytes = read(resource);
        if (bytes == null) {
            throw new KernelResourceException("CUDA kernel binary " + resource + " not found on the classpath: "
                    + "this jar was built without nvcc; rebuild with the CUDA toolkit on PATH "
                    + "(-Dequikern.requireNvcc=true makes that build fail instead of skipping)");
        }
        return bytes;
    }

    private static void inline(String path, String includer, Set<String> seen, StringBuilder out) {
        if (!seen.add(path)) return;
        byte[] bytes = read(ROOT + path);
        if (bytes == null) {
            throw new KernelResourceException("kernel source " + ROOT + path + " not found on the classpath"
                    + (includer == null ? "" : " (included from " + ROOT + includer + ")"));
        }
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1);
        out.append("#line 1 \"").append(path).append("\"\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher include = INCLUDE.matcher(lines[i]);
            if (include.matches()) {
                inline(normalize(dir + include.group(1)), path, seen, out);
                out.append("#line ").append(i + 2).append(" \"").append(path).append("\"\n");
            } else {
                out.append(lines[i]).append('\n');
            }
        }
    }

    /** Resolves {@code .} and {@code ..} segments; a path may not climb above {@code /kernels/}. */
    static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new KernelResourceException("kernel path '" + path + "' leaves " + ROOT);
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    /**
     * Reads through the class loader, not this class: on the module path the kernels are resources
     * of the library module ({@code opens kernels.*} there), which this module's own lookup would
     * not see.
     */
    private static byte[] read(String resource) {
        ClassLoader loader = KernelResources.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource.substring(resource.startsWith("/") ? 1 : 0))) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new KernelResourceException("cannot read kernel resource " + resource, e);
        }
    }
}
