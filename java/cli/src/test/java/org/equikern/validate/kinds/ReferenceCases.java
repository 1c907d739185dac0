package org.equikern.validate.kinds;

import org.equikern.testing.ReferenceFiles;
import org.equikern.validate.JsonFields;

/** The e3nn reference files of {@code test-data/}, read as the harness reads them. */
final class ReferenceCases {
    private ReferenceCases() {
    }

    /** e.g. {@code wigner_3j.json} from {@code test-data/e3nn/}. */
    static JsonFields e3nn(String fileName) {
        return JsonFields.parse(ReferenceFiles.text("e3nn", fileName), "");
    }

    /** e.g. {@code norm_activation.json} from {@code test-data/e3nn_extra/}. */
    static JsonFields e3nnExtra(String fileName) {
        return JsonFields.parse(ReferenceFiles.text("e3nn_extra", fileName), "");
    }
}
