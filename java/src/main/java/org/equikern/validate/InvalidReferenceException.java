package org.equikern.validate;

import java.nio.file.Path;

/** A reference file that cannot be read or is malformed; the message names the file and field. */
public final class InvalidReferenceException extends RuntimeException {
    public InvalidReferenceException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
