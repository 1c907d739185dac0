package org.equikern.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RowSegmentsTest {
    @Test
    void groupsEdgesByTargetStably() {
        RowSegments s = RowSegments.group(new int[] {2, 0, 2, 3, 0}, 4);
        assertArrayEquals(new int[] {1, 4, 0, 2, 3}, s.order());
        assertArrayEquals(new int[] {0, 2, 2, 4, 5}, s.offsets());
    }

    @Test
    void rejectsTargetsOutsideTheRows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RowSegments.group(new int[] {0, 4}, 4));
        assertEquals("edge 1 targets row 4, outside [0, 4)", e.getMessage());
    }
}
