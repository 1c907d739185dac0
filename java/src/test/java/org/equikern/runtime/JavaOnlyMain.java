package org.equikern.runtime;

import java.util.Arrays;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceDescription;
import org.equikern.device.MemoryScope;
import org.equikern.group.Irreps;
import org.equikern.ops.tensorproduct.TensorProductOp;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;

/**
 * Run by {@link JavaOnlyClassPathTest} in a JVM without JOCL and JCuda: a tensor product on the
 * java device, the default device and the device list, printed for the test to check.
 */
public final class JavaOnlyMain {
    private JavaOnlyMain() {
    }

    public static void main(String[] args) {
        for (String binding : new String[] {"org.jocl.CL", "jcuda.driver.JCudaDriver"}) {
            try {
                Class.forName(binding);
                System.out.println("present " + binding);
            } catch (ClassNotFoundException e) {
                System.out.println("absent " + binding);
            }
        }
        // 1x0e (x) 1x0e -> 1x0e, one weight: out = w * x1 * x2 exactly.
        Plan plan = Plan.of(TensorProductSpec.fullyConnected(Irreps.parse("1x0e"), Irreps.parse("1x0e"),
                Irreps.parse("1x0e")));
        try (Device device = Devices.open("java");
             TensorProductOp op = TensorProductOp.on(device, plan);
             MemoryScope scope = device.openScope()) {
            DeviceBuffer out = scope.allocate(DType.FLOAT64, 2);
            op.forward(scope.upload(new double[] {2, 3}), scope.upload(new double[] {5, 7}),
                    scope.upload(new double[] {0.5}), out, 2);
            System.out.println("forward " + Arrays.toString(out.toDoubleArray()));
        }
        try (Device device = Devices.defaultDevice()) {
            System.out.println("default " + device.name());
        }
        for (DeviceDescription d : Devices.list()) {
            System.out.println(d.name() + (d.available() ? " available" : " unavailable: " + d.detail()));
        }
    }
}
