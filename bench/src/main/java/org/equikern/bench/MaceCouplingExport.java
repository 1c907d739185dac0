package org.equikern.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.equikern.model.MaceCouplingTensors;
import org.equikern.model.MaceModel;
import org.equikern.train.Checkpoint;
import org.equikern.train.Potential;
import org.equikern.train.Safetensors;

/**
 * Writes the symmetric-contraction coupling tensors of a trained MACE model ({@link MaceCouplingTensors})
 * to a safetensors file, for {@code bench/oracle/mace_reference.py} (bench/oracle/mace-reference.sh).
 *
 * <pre>MaceCouplingExport CHECKPOINT OUT.safetensors</pre>
 */
public final class MaceCouplingExport {
    private MaceCouplingExport() {
    }

    /**
     * Writes the file.
     *
     * @param args the checkpoint directory of a MACE model and the output file
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: MaceCouplingExport CHECKPOINT OUT.safetensors; got "
                    + Arrays.toString(args));
        }
        Potential potential = Checkpoint.loadPotential(Path.of(args[0]));
        if (!(potential instanceof MaceModel)) {
            throw new IllegalArgumentException("CHECKPOINT = " + args[0] + " holds " + potential
                    + ", not a MACE model");
        }
        Safetensors.write(Path.of(args[1]), MaceCouplingTensors.of(((MaceModel) potential).config()));
    }
}
