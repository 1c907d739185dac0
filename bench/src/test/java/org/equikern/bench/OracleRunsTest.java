package org.equikern.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Several oracle runs read into minima, maxima and run counts; other output lines are skipped. */
class OracleRunsTest {
    private static final OracleRuns RUNS = OracleRuns.parse(List.of(
            "fctp_uvw_128 batch=2000 fwd_ms=15.94 fwdbwd_ms=55.77 fwd_items_per_s=1.255e+05 weight_numel=65536",
            "/usr/lib/python3/dist-packages/torch/__init__.py: UserWarning: something",
            "sh_lmax3 batch=1000000 fwd_ms=33.08 fwd_items_per_s=3.023e+07",
            "fctp_uvw_128 batch=2000 fwd_ms=8.10 fwdbwd_ms=136.00 fwd_items_per_s=2.469e+05 weight_numel=65536",
            "fctp_uvw_128 batch=2000 fwd_ms=12.00 fwdbwd_ms=60.00 fwd_items_per_s=1.667e+05 weight_numel=65536"));

    @Test
    void minimumMaximumAndCountPerWorkloadAndKey() {
        assertEquals(8.10, RUNS.min("fctp_uvw_128", "fwd_ms"));
        assertEquals(15.94, RUNS.max("fctp_uvw_128", "fwd_ms"));
        assertEquals(55.77, RUNS.min("fctp_uvw_128", "fwdbwd_ms"));
        assertEquals(136.00, RUNS.max("fctp_uvw_128", "fwdbwd_ms"));
        assertEquals(3, RUNS.runs("fctp_uvw_128", "fwd_ms").size());
        assertEquals(List.of(33.08), RUNS.runs("sh_lmax3", "fwd_ms"));
    }

    @Test
    void aWorkloadOrKeyNeverTimedHasNoRuns() {
        assertTrue(Double.isNaN(RUNS.min("sh_lmax3", "fwdbwd_ms")));
        assertTrue(Double.isNaN(RUNS.max("mace_large_uvu", "fwd_ms")));
        assertTrue(OracleRuns.none().runs("fctp_uvw_128", "fwd_ms").isEmpty());
    }
}
