package org.equikern.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equikern.group.Irrep;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;
import org.equikern.nn.SymmetricPowerBasis;
import org.equikern.train.StoredTensor;
import org.equikern.train.TensorFile;

/**
 * The coupling tensors of a {@link MaceModel}'s symmetric contractions as a tensor file, so that another
 * implementation can contract with exactly Equikern's basis (a symmetric-contraction basis is not unique:
 * the trained weights only mean something together with it). Tensor {@code U.n.L} (e.g. {@code U.3.1o})
 * holds the {@link SymmetricPowerBasis} of order {@code n} onto the target irrep {@code L} for one channel
 * of MACE's {@code interaction_irreps}, shaped {@code [paths, D, …(n times)…, D, 2L+1]}; (n, L) pairs
 * without a path have no tensor. Every product layer contracts the same channel irreps, onto irreps of
 * {@code hidden_irreps}, so one set serves all layers. The metadata names the channel irreps
 * ({@code channel_irreps}) and the correlation order.
 */
public final class MaceCouplingTensors {
    private MaceCouplingTensors() {
    }

    /**
     * The tensors of {@code config}'s symmetric contractions.
     *
     * @param config the model's configuration
     * @return the tensor file, in order of target irrep (as in {@code hidden_irreps}) then order
     * @throws IllegalArgumentException for a null config
     */
    public static TensorFile of(MaceConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        Irreps channel = oneChannel(config.interactionIrreps());
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        for (MulIrrep target : config.hiddenIrreps()) {
            for (int n = 1; n <= config.correlation(); n++) {
                SymmetricPowerBasis basis = SymmetricPowerBasis.of(channel, target.irrep(), n);
                if (basis.pathCount() > 0) {
                    tensors.put(name(n, target.irrep()), stacked(basis));
                }
            }
        }
        return new TensorFile(tensors, Map.of("channel_irreps", channel.toString(),
                "correlation", Integer.toString(config.correlation())));
    }

    /**
     * The name of the tensor of order {@code n} onto {@code target}.
     *
     * @param n the correlation order, 1..3
     * @param target the target irrep L
     * @return the tensor's name, {@code U.n.L}
     */
    public static String name(int n, Irrep target) {
        return "U." + n + "." + target;
    }

    private static Irreps oneChannel(Irreps irreps) {
        List<MulIrrep> blocks = new ArrayList<>();
        for (MulIrrep block : irreps) {
            blocks.add(new MulIrrep(1, block.irrep()));
        }
        return Irreps.of(blocks);
    }

    private static StoredTensor stacked(SymmetricPowerBasis basis) {
        int paths = basis.pathCount();
        int length = basis.tensorLength();
        double[] values = new double[Math.multiplyExact(paths, length)];
        for (int k = 0; k < paths; k++) {
            System.arraycopy(basis.toArray(k), 0, values, k * length, length);
        }
        int[] shape = new int[basis.order() + 2];
        shape[0] = paths;
        for (int i = 1; i <= basis.order(); i++) {
            shape[i] = basis.channelDim();
        }
        shape[basis.order() + 1] = basis.target().dim();
        return StoredTensor.f64(shape, values);
    }
}
