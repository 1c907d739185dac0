package org.equikern.check;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.group.Irrep;
import org.equikern.group.Irreps;
import org.equikern.group.Representation;
import org.equikern.group.Rotation;
import org.equikern.group.ShNormalization;
import org.equikern.group.SphericalHarmonics;
import org.equikern.group.WignerD;
import org.equikern.nn.Linear;
import org.equikern.runtime.Devices;
import org.equikern.runtime.TensorProduct;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad calls across the public API, each with the exception type it must throw and the words its
 * message must contain: the argument's name and its value or the limit it broke.
 */
class BadCallsTest {
    private static final SphericalHarmonics SH = SphericalHarmonics.of(2, ShNormalization.COMPONENT, true);
    private static final TensorProductSpec FC = TensorProductSpec.fullyConnected(Irreps.parse("2x0e+1x1o"),
            Irreps.parse("0e+1o"), Irreps.parse("1x0e+1x1o"));
    private static final TensorProduct TP = new TensorProduct(FC);

    static Stream<Arguments> badCalls() {
        double[] v = new double[6];
        double[] x1 = new double[5];
        double[] x2 = new double[4];
        double[] w = new double[FC.weightNumel()];
        Linear linear = Linear.of("2x0e", "2x0e");
        double[] linear4 = new double[linear.weightNumel()];
        return Stream.of(
                // null arguments name the argument
                bad("Irrep.parse(null)", NullPointerException.class, () -> Irrep.parse(null), "text"),
                bad("Irreps.parse(null)", NullPointerException.class, () -> Irreps.parse(null), "text"),
                bad("Irreps.of(null)", NullPointerException.class, () -> Irreps.of(null), "blocks"),
                bad("Plan.of(null)", NullPointerException.class, () -> Plan.of(null), "spec"),
                bad("SH.compute(null, ...)", NullPointerException.class, () -> SH.compute(null, new double[9], 1),
                        "vectors"),
                bad("SH.compute(v, null)", NullPointerException.class, () -> SH.compute(v, null, 1), "out"),
                bad("SH.of(.., null, ..)", NullPointerException.class,
                        () -> SphericalHarmonics.of(1, null, true), "normalization"),
                bad("WignerD.of(1, null)", NullPointerException.class, () -> WignerD.of(1, null), "r"),
                bad("new TensorProduct(null executor)", NullPointerException.class,
                        () -> new TensorProduct((org.equikern.tp.TensorProductExecutor) null), "executor"),
                bad("fullyConnected(x, null, x)", NullPointerException.class,
                        () -> TensorProductSpec.fullyConnected(Irreps.parse("0e"), null, Irreps.parse("0e")), "in2"),
                bad("Representation.apply(null features)", NullPointerException.class,
                        () -> Representation.apply(Irreps.parse("1o"), Rotation.identity(), false, null, 1),
                        "features"),
                bad("TP forward null x1", IllegalArgumentException.class,
                        () -> TP.forward(null, x2, w, 1), "x1", "null"),
                // outputs aliasing inputs
                bad("SH.compute(v, v)", IllegalArgumentException.class, () -> SH.compute(v, v, 2),
                        "output 'out' aliases input 'vectors'"),
                bad("SH.jacobian(v, v)", IllegalArgumentException.class, () -> SH.jacobian(v, v, 2),
                        "output 'out' aliases input 'vectors'"),
                bad("SH.backward(v, g, v)", IllegalArgumentException.class,
                        () -> SH.backward(v, new double[18], v, 2), "output 'gradVectors' aliases input 'vectors'"),
                bad("TP forward out = x2", IllegalArgumentException.class,
                        () -> TP.forward(x1, x2, w, x2, 1), "output 'out' aliases input 'x2'"),
                bad("TP backward gradWeights = weights", IllegalArgumentException.class,
                        () -> TP.backward(x1, x2, w, new double[4], null, null, w, 1),
                        "output 'gradWeights' aliases input 'weights'"),
                bad("Linear forward out = x", IllegalArgumentException.class,
                        () -> linear.forward(v, new double[linear.weightNumel()], null, v, 3),
                        "output 'out' aliases input 'x'"),
                bad("Linear forward out = w", IllegalArgumentException.class,
                        () -> linear.forward(new double[4], linear4, null, linear4, 2), "output 'out' aliases input 'w'"),
                bad("Linear backward gradW = w", IllegalArgumentException.class,
                        () -> linear.backward(new double[4], linear4, new double[4], null, linear4, null, 2),
                        "output 'gradW' aliases input 'w'"),
                // ranges
                bad("coefficient(99)", IndexOutOfBoundsException.class, () -> FC.coefficient(99), "n = 99",
                        "0.." + (FC.instructions().size() - 1)),
                bad("pathShape(-1)", IndexOutOfBoundsException.class, () -> FC.pathShape(-1), "n = -1",
                        "0.." + (FC.instructions().size() - 1)),
                bad("Irrep.of(2^30, 1)", IllegalArgumentException.class, () -> Irrep.of(1073741824, 1),
                        "l = 1073741824", String.valueOf(Irrep.MAX_L)),
                bad("SH.of(100000)", IllegalArgumentException.class,
                        () -> SphericalHarmonics.of(100000, ShNormalization.COMPONENT, true), "lmax = 100000",
                        String.valueOf(SphericalHarmonics.MAX_L)),
                bad("WignerD.of(-1)", IllegalArgumentException.class, () -> WignerD.of(-1, Rotation.identity()),
                        "l = -1"),
                // sizes
                bad("1000000000x3e", IllegalArgumentException.class, () -> Irreps.parse("1000000000x3e"),
                        "1000000000x3e", "7000000000", String.valueOf(HostArguments.MAX_ARRAY_LENGTH)),
                bad("sum of blocks", IllegalArgumentException.class,
                        () -> Irreps.parse("1000000000x0e+1000000000x0e+1000000000x0e"), "1000000000x0e",
                        String.valueOf(HostArguments.MAX_ARRAY_LENGTH)),
                bad("Irreps.sphericalHarmonics(50000)", IllegalArgumentException.class,
                        () -> Irreps.sphericalHarmonics(50000), "lmax = 50000", String.valueOf(HostArguments.MAX_ARRAY_LENGTH)),
                bad("NUL irreps", IllegalArgumentException.class, () -> Irreps.parse("\u0000"), "position 0",
                        "U+0000"),
                bad("',' in irreps", IllegalArgumentException.class, () -> Irreps.parse("2x0e,1o"), "position 4",
                        "','"),
                bad("fullyConnected 65536x0e", IllegalArgumentException.class,
                        () -> TensorProductSpec.fullyConnected(Irreps.parse("65536x0e"), Irreps.parse("65536x0e"),
                                Irreps.parse("1x0e")), "instruction 0", "4294967296",
                        String.valueOf(HostArguments.MAX_ARRAY_LENGTH)),
                bad("u<vw on 70000x0e", IllegalArgumentException.class,
                        () -> TensorProductSpec.builder("70000x0e", "70000x0e", "1x0e")
                                .instruction(0, 0, 0, "u<vw", true).build(), "2449965000",
                        String.valueOf(HostArguments.MAX_ARRAY_LENGTH)),
                bad("uvuv mul_out overflow", IllegalArgumentException.class,
                        () -> TensorProductSpec.builder("65536x0e", "65536x0e", "0x0e+1x0e")
                                .instruction(0, 0, 1, "uvuv", false).build(), "mul_out = mul1*mul2", "65536"),
                bad("Representation.matrix on 50000x0e", IllegalArgumentException.class,
                        () -> Representation.matrix(Irreps.parse("50000x0e"), Rotation.identity(), false),
                        "50000x0e", "2500000000", String.valueOf(HostArguments.MAX_ARRAY_LENGTH)),
                bad("allocating forward, batch 10^8", IllegalArgumentException.class,
                        () -> TP.forward(x1, x2, w, 100_000_000), "x1", "500000000"),
                bad("allocating backward, batch 10^8", IllegalArgumentException.class,
                        () -> TP.backward(x1, x2, w, new double[4], 100_000_000), "x1", "500000000"),
                bad("allocating forward, output too large", IllegalArgumentException.class,
                        () -> new TensorProduct(TensorProductSpec.fullyConnected(Irreps.parse("1x0e"),
                                Irreps.parse("1x0e"), Irreps.parse("1000x0e"))).forward(new double[3_000_000],
                                new double[3_000_000], new double[1000], 3_000_000), "out", "3000000000",
                        String.valueOf(HostArguments.MAX_ARRAY_LENGTH)));
    }

    static Stream<Arguments> badDeviceCalls() {
        return Stream.of("java", "opencl:0").flatMap(name -> Stream.of(
                badOn(name, "upload(null)", NullPointerException.class, d -> d.upload((double[]) null), "values"),
                badOn(name, "allocate(null, 4)", NullPointerException.class, d -> d.allocate(null, 4), "dtype"),
                badOn(name, "copyFrom(null)", NullPointerException.class, d -> {
                    try (DeviceBuffer b = d.allocate(DType.FLOAT32, 4)) {
                        b.copyFrom((float[]) null);
                    }
                }, "src"),
                badOn(name, "copyTo(null)", NullPointerException.class, d -> {
                    try (DeviceBuffer b = d.allocate(DType.FLOAT32, 4)) {
                        b.copyTo((float[]) null);
                    }
                }, "dst"),
                badOn(name, "allocate(-1)", IllegalArgumentException.class, d -> d.allocate(DType.FLOAT32, -1), "-1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"badCalls", "badDeviceCalls"})
    void badCallsNameTheArgumentAndValue(String call, Class<? extends Throwable> type, Executable executable,
                                         List<String> words) {
        Throwable thrown = assertThrows(type, executable, call);
        for (String word : words) {
            assertTrue(String.valueOf(thrown.getMessage()).contains(word),
                    call + ": message \"" + thrown.getMessage() + "\" should name \"" + word + "\"");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeAllocations")
    void hugeAllocationsNameTheSizeAndTheLimit(String device, long length, String limit) {
        try (Device d = Devices.open(device)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> d.allocate(DType.FLOAT64, length));
            assertTrue(e.getMessage().contains(String.valueOf(length)) && e.getMessage().contains(limit),
                    e.getMessage());
            assertTrue(d.liveBufferCount() == 0, "nothing allocated");
        }
    }

    static Stream<Arguments> hugeAllocations() {
        return Stream.of(Arguments.of("opencl:0", 1L << 50, "CL_DEVICE_MAX_MEM_ALLOC_SIZE"),
                Arguments.of("java", 1L << 40, String.valueOf(HostArguments.MAX_ARRAY_LENGTH)));
    }

    private static Arguments bad(String call, Class<? extends Throwable> type, Executable executable,
                                 String... words) {
        return Arguments.of(call, type, executable, List.of(words));
    }

    private interface DeviceCall {
        void run(Device device) throws Throwable;
    }

    private static Arguments badOn(String device, String call, Class<? extends Throwable> type, DeviceCall body,
                                   String... words) {
        return bad(device + ": " + call, type, () -> {
            try (Device d = Devices.open(device)) {
                body.run(d);
            }
        }, words);
    }
}
