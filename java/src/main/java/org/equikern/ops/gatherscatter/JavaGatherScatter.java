package org.equikern.ops.gatherscatter;

import java.util.Arrays;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.java.JavaBuffer;
import org.equikern.device.java.JavaDevice;

/** Row gather and scatter as Java loops; indices outside their range throw. */
final class JavaGatherScatter extends GatherScatter {
    JavaGatherScatter(JavaDevice device) {
        super(device);
    }

    @Override
    protected void runGather(DeviceBuffer x, DeviceBuffer index, DeviceBuffer out, int rows, int edges, int width) {
        int[] idx = ((JavaBuffer) index).ints();
        for (int e = 0; e < edges; e++) {
            int r = checkIndex(idx[e], rows, "index", e);
            System.arraycopy(array(x), r * width, array(out), e * width, width);
        }
    }

    @Override
    protected void runScatterAdd(DeviceBuffer x, DeviceBuffer index, DeviceBuffer out, int rows, int edges,
            int width) {
        int[] idx = ((JavaBuffer) index).ints();
        for (int e = 0; e < edges; e++) {
            addRow(x, e, out, checkIndex(idx[e], rows, "index", e), width);
        }
    }

    /** Sums each row's group first and adds the sum to out once, in the order the kernels use. */
    @Override
    protected void runSegmentSum(DeviceBuffer x, DeviceBuffer order, DeviceBuffer offsets, DeviceBuffer out,
            int rows, int edges, int width) {
        int[] ord = ((JavaBuffer) order).ints();
        int[] off = ((JavaBuffer) offsets).ints();
        boolean f64 = x.dtype() == DType.FLOAT64;
        double[] sum64 = new double[f64 ? width : 0];
        float[] sum32 = new float[f64 ? 0 : width];
        for (int n = 0; n < rows; n++) {
            int end = checkIndex(off[n + 1], ord.length + 1, "offsets", n + 1);
            for (int k = checkIndex(off[n], ord.length + 1, "offsets", n); k < end; k++) {
                int e = checkIndex(ord[k], edges, "order", k);
                if (f64) addInto(((JavaBuffer) x).doubles(), e * width, sum64);
                else addInto(((JavaBuffer) x).floats(), e * width, sum32);
            }
            if (f64) {
                double[] dst = ((JavaBuffer) out).doubles();
                for (int c = 0; c < width; c++) dst[n * width + c] += sum64[c];
                Arrays.fill(sum64, 0.0);
            } else {
                float[] dst = ((JavaBuffer) out).floats();
                for (int c = 0; c < width; c++) dst[n * width + c] += sum32[c];
                Arrays.fill(sum32, 0f);
            }
        }
    }

    private static void addInto(double[] src, int from, double[] sum) {
        for (int c = 0; c < sum.length; c++) sum[c] += src[from + c];
    }

    private static void addInto(float[] src, int from, float[] sum) {
        for (int c = 0; c < sum.length; c++) sum[c] += src[from + c];
    }

    private static void addRow(DeviceBuffer x, int from, DeviceBuffer out, int to, int width) {
        if (x.dtype() == DType.FLOAT64) {
            double[] src = ((JavaBuffer) x).doubles();
            double[] dst = ((JavaBuffer) out).doubles();
            for (int c = 0; c < width; c++) dst[to * width + c] += src[from * width + c];
        } else {
            float[] src = ((JavaBuffer) x).floats();
            float[] dst = ((JavaBuffer) out).floats();
            for (int c = 0; c < width; c++) dst[to * width + c] += src[from * width + c];
        }
    }

    private static Object array(DeviceBuffer buffer) {
        JavaBuffer b = (JavaBuffer) buffer;
        return b.dtype() == DType.FLOAT64 ? b.doubles() : b.floats();
    }

    private static int checkIndex(int value, int bound, String role, int position) {
        if (value < 0 || value >= bound) {
            throw new IndexOutOfBoundsException(role + "[" + position + "] = " + value + " is outside [0, " + bound + ")");
        }
        return value;
    }
}
