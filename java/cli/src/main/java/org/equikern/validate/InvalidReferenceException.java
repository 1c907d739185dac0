package org.equikern.validate;

import java.nio.file.Path;

/** A reference file that cannot be read or is malformed; the message names the file and field. */
public final class InvalidReferenceException extends RuntimeException {
    public InvalidReferenceException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }

    private InvalidReferenceException(String message) {
        super(message);
    }

    /** A file or folder given to validate that holds no reference case. */
    public static InvalidReferenceException noCases(Path path) {
        return new InvalidReferenceException("no reference cases found in " + path);
    }
}
