package org.equikern.ops.tensorproduct;

/**
 * How generated float32 code steps through channels: one float per step, or one Vector API
 * {@code FloatVector} of {@code S.length()} channels (species {@code S}, a static field of the
 * generated class). Renders the operations the channel loops use; loop-invariant couplings are
 * scalars {@code m<q>}, broadcast where a vector step uses them.
 */
enum ChannelStep implements ProductSum.Products {
    /** One channel per step, in plain Java. */
    SCALAR {
        @Override
        String type() {
            return "float";
        }

        @Override
        String load(String array, String index) {
            return array + "[" + index + "]";
        }

        @Override
        String coupling(int q) {
            return "m" + q;
        }

        @Override
        public String mul(String a, String b) {
            return a + " * " + b;
        }

        @Override
        public String fma(String a, String b, String c) {
            return "Math.fma(" + a + ", " + b + ", " + c + ")";
        }

        @Override
        String add(String a, String b) {
            return a + " + " + b;
        }

        @Override
        String scaled(String value, String literal) {
            return literal + " * " + value;
        }

        @Override
        String store(String array, String index, String value) {
            return array + "[" + index + "] = " + value + ";";
        }

        @Override
        String addInto(String array, String index, String value) {
            return array + "[" + index + "] += " + value + ";";
        }
    },
    /** {@code S.length()} channels per step, on the Vector API. */
    VECTOR {
        @Override
        String type() {
            return "FloatVector";
        }

        @Override
        String load(String array, String index) {
            return "FloatVector.fromArray(S, " + array + ", " + index + ")";
        }

        @Override
        String coupling(int q) {
            // Broadcast where used: vectors held across the loop's entry were boxed (JDK 17).
            return "FloatVector.broadcast(S, m" + q + ")";
        }

        @Override
        public String mul(String a, String b) {
            return a + ".mul(" + b + ")";
        }

        @Override
        public String fma(String a, String b, String c) {
            return a + ".fma(" + b + ", " + c + ")";
        }

        @Override
        String add(String a, String b) {
            return a + ".add(" + b + ")";
        }

        @Override
        String scaled(String value, String literal) {
            return value + ".mul(" + literal + ")";
        }

        @Override
        String store(String array, String index, String value) {
            return value + ".intoArray(" + array + ", " + index + ");";
        }

        @Override
        String addInto(String array, String index, String value) {
            return load(array, index) + ".add(" + value + ").intoArray(" + array + ", " + index + ");";
        }
    };

    /** The Java type of one step's values. */
    abstract String type();

    /** The step's values of {@code array} from {@code index}. */
    abstract String load(String array, String index);

    /** The name of coupling q's value in this step's type. */
    abstract String coupling(int q);

    abstract String add(String a, String b);

    /** {@code value} times a float literal. */
    abstract String scaled(String value, String literal);

    /** The statement storing {@code value} into {@code array} from {@code index}. */
    abstract String store(String array, String index, String value);

    /** The statement adding {@code value} into {@code array} from {@code index}. */
    abstract String addInto(String array, String index, String value);
}
