package org.equikern.nativeloader;

import java.nio.charset.StandardCharsets;

/** Decoding of strings that native APIs return in byte buffers. */
final class NativeStrings {
    private NativeStrings() {}

    /** The text before the first NUL byte, trimmed. */
    static String fromCString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) end++;
        return new String(bytes, 0, end, StandardCharsets.UTF_8).trim();
    }
}
