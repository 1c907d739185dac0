package org.equikern.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's "Structures and neighbour lists" example, kept compiling and correct. */
class DataReadmeExampleTest {
    @Test
    void readAFileAndBuildItsNeighbourList() {
        Path path = TestFiles.path("mace_ref.extxyz");
        // README: "Structures and neighbour lists"
        ExtXyz format = ExtXyz.DEFAULT.withEnergyKey("REF_energy").withForcesKey("REF_forces");
        List<Structure> frames = format.readAll(path);             // or format.stream(path), frame by frame
        NeighbourList graph = NeighbourList.batch(frames, 5.0);    // one graph, images beyond the cell included
        int[] senders = graph.senders(), receivers = graph.receivers();     // sorted by receiver
        double[] vectors = graph.vectors();                         // pos[j] - pos[i] + shift . cell
        ExtXyz.DEFAULT.writeAll(Path.of("target/copy.extxyz"), frames);     // energy= and forces as ASE writes them
        // end README
        assertEquals(2, frames.size());
        assertEquals(graph.edgeCount(), senders.length);
        assertEquals(3 * receivers.length, vectors.length);
        assertEquals(16, graph.nodeCount());
    }
}
