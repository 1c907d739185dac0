package org.equikern.train;

import java.io.IOException;

/** A file that breaks the safetensors format; the message names the file and the tensor at fault. */
public final class SafetensorsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the file and the tensor
     */
    public SafetensorsFormatException(String message) {
        super(message);
    }
}
