package org.equikern.cli.jets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.equikern.data.jets.Jet;
import org.equikern.data.jets.JetBatch;
import org.equikern.data.jets.JetGenerator;
import org.equikern.data.jets.Signal;
import org.equikern.data.jets.Subjettiness;
import org.equikern.group.lorentz.LorentzTransform;
import org.equikern.model.jets.JetTagger;
import org.equikern.model.jets.TaggerTraining;

/**
 * The measurements behind the jet figures: jets generated from a seed, every tagger trained from the
 * same weight seed on the first n jets of one pool with the same batches (two taggers at a time), then tested on jets from a
 * second seed: accuracy and ROC per training-set size, accuracy under a boost of the test set along x,
 * the largest change of the logits under random SO⁺(1,3) transformations, parameter count and time.
 */
final class JetStudy {
    /** Taggers trained at the same time, one per core of the 2-core machine the report is sized for. */
    static final int THREADS = 2;
    /** Jets per forward pass when evaluating. */
    private static final int EVALUATION_BATCH = 64;

    /**
     * The size of a study.
     *
     * @param signal         the signal process (background in its mass window)
     * @param sizes          training-set sizes, ascending
     * @param epochs         passes over the training set at each size
     * @param batchSize      jets per step
     * @param learningRate   Adam's peak rate
     * @param testJets       held-out test jets
     * @param invarianceJets test jets in the invariance measurement
     * @param transforms     random Lorentz transformations per invariance measurement
     * @param maxRapidity    their largest rapidity
     * @param betas          test-time boosts β along x
     * @param seed           data seed; test jets use seed + 1, weights seed + 2, batches seed + 3,
     *                       transformations seed + 4
     * @param models         the taggers compared
     */
    record Settings(Signal signal, int[] sizes, int[] epochs, int batchSize, double learningRate, int testJets,
            int invarianceJets, int transforms, double maxRapidity, double[] betas, long seed, List<TaggerSpec> models) {
        /** Checks that every size has its epoch count. */
        Settings {
            if (sizes.length == 0 || sizes.length != epochs.length) {
                throw new IllegalArgumentException("jet study: " + sizes.length + " sizes need as many epoch counts, got "
                        + epochs.length);
            }
        }

        /**
         * The full report: 200 to 20,000 training jets (100×), five taggers; the epochs shrink as the set
         * grows (20 passes over 200 jets, one over 20,000) so that the run stays under half an hour on 2
         * busy cores.
         */
        static Settings full() {
            return new Settings(Signal.TOP, new int[] {200, 1000, 5000, 20_000}, new int[] {20, 6, 2, 1}, 32,
                    3e-3, 800, 100, 4, 2, new double[] {0, 0.2, 0.4, 0.6, 0.8, 0.9}, 2026,
                    List.of(TaggerSpec.pelican(8), TaggerSpec.lorentzNet(16), TaggerSpec.lgn(2),
                            TaggerSpec.deepSets(64), TaggerSpec.leadingMlp(64)));
        }

        /** A CI-sized run: tiny sets, few steps, small taggers. */
        static Settings reduced() {
            return new Settings(Signal.TOP, new int[] {40, 80}, new int[] {1, 1}, 8, 3e-3, 60, 8, 2, 2,
                    new double[] {0, 0.5, 0.9}, 2026, List.of(TaggerSpec.pelican(3), TaggerSpec.lorentzNet(4),
                            TaggerSpec.lgn(1), TaggerSpec.deepSets(8), TaggerSpec.leadingMlp(8)));
        }

        /** Optimizer steps at each size: epochs × size / batch size, rounded up. */
        int[] steps() {
            int[] steps = new int[sizes.length];
            for (int s = 0; s < sizes.length; s++) {
                long passes = Math.multiplyExact((long) epochs[s], sizes[s]);
                steps[s] = Math.toIntExact((passes + batchSize - 1) / batchSize);
            }
            return steps;
        }

        /** The largest training-set size. */
        int largest() {
            return sizes[sizes.length - 1];
        }
    }

    /** One training run, tested. */
    record Run(int trainingSize, double accuracy, double auc, double seconds, double finalLoss) {
    }

    /** Everything measured of one tagger; the ROC, boosts and invariance are of the largest run. */
    record TaggerResult(TaggerSpec spec, boolean lorentzInvariant, long parameters, List<Run> runs, Roc roc,
            double[] boostAccuracy, double invarianceError) {
        /** The run on the largest training set. */
        Run largest() {
            return runs.get(runs.size() - 1);
        }

        /** Training time summed over every size. */
        double trainingSeconds() {
            return runs.stream().mapToDouble(Run::seconds).sum();
        }
    }

    /**
     * The study's measurements.
     *
     * @param taggers    each tagger's results, in the settings' order
     * @param references single observables scored on the same test jets, to compare the taggers with
     */
    record Outcome(Map<String, TaggerResult> taggers, List<Reference> references) {
    }

    /**
     * One observable used alone as a tagger on the test jets.
     *
     * @param name      its name in the ROC figure
     * @param direction which values count as signal-like, in words
     * @param roc       its ROC
     */
    record Reference(String name, String direction, Roc roc) {
    }

    /** The constituent count, a reference that needs no substructure. */
    static final String CONSTITUENT_COUNT = "constituent count alone";
    /** N-subjettiness τ3/τ2, the classic three-prong observable. */
    static final String TAU32 = "τ3/τ2 alone";

    private JetStudy() {
    }

    /**
     * Runs the study, {@link #THREADS} taggers at a time (each tagger's result depends only on the seeds,
     * not on the threads), reporting progress lines to {@code log}.
     */
    static Outcome run(Settings settings, Consumer<String> log) {
        JetGenerator generator = new JetGenerator(JetGenerator.Settings.DEFAULT);
        List<Jet> pool = generator.sample(settings.signal(), settings.largest(), settings.seed());
        List<Jet> test = generator.sample(settings.signal(), settings.testJets(), settings.seed() + 1);
        double[] labels = test.stream().mapToDouble(j -> j.signal() ? 1 : 0).toArray();
        Consumer<String> synchronizedLog = line -> {
            synchronized (log) {
                log.accept(line);
            }
        };
        ExecutorService workers = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<TaggerResult>> futures = new ArrayList<>();
            for (TaggerSpec spec : settings.models()) {
                futures.add(workers.submit(() -> study(spec, pool, test, labels, settings, synchronizedLog)));
            }
            Map<String, TaggerResult> results = new LinkedHashMap<>();
            for (Future<TaggerResult> future : futures) {
                TaggerResult result = join(future);
                results.put(result.spec().name(), result);
            }
            double[] fewerConstituents = test.stream().mapToDouble(j -> -j.count()).toArray();
            double[] lowerTau32 = test.stream().mapToDouble(j -> -Subjettiness.ratio32(j)).toArray();
            return new Outcome(results, List.of(new Reference(CONSTITUENT_COUNT, "fewer: more signal-like",
                    Roc.of(fewerConstituents, labels)), new Reference(TAU32, "smaller: more signal-like",
                    Roc.of(lowerTau32, labels))));
        } finally {
            workers.shutdownNow();
        }
    }

    /** One tagger trained from scratch at every size, tested after each; boosts and invariance of the largest. */
    private static TaggerResult study(TaggerSpec spec, List<Jet> pool, List<Jet> test, double[] labels,
            Settings settings, Consumer<String> log) {
        List<Run> runs = new ArrayList<>();
        JetTagger tagger = null;
        double[] scores = null;
        int[] steps = settings.steps();
        for (int s = 0; s < settings.sizes().length; s++) {
            int size = settings.sizes()[s];
            tagger = spec.factory().apply(settings.seed() + 2);
            TaggerTraining.Result trained = TaggerTraining.train(tagger, pool.subList(0, size),
                    new TaggerTraining.Settings(steps[s], settings.batchSize(), settings.learningRate(),
                            settings.seed() + 3));
            scores = tagger.logits(test, EVALUATION_BATCH);
            Run run = new Run(size, accuracy(scores, labels), Roc.of(scores, labels).auc(), trained.seconds(),
                    trained.finalLoss());
            runs.add(run);
            log.accept(String.format("%s, %d jets: accuracy %.4f, AUC %.4f, final loss %.4f, %.1f s", spec.name(),
                    size, run.accuracy(), run.auc(), run.finalLoss(), run.seconds()));
        }
        return new TaggerResult(spec, tagger.lorentzInvariant(), tagger.parameters().elementCount(), runs,
                Roc.of(scores, labels), boostAccuracy(tagger, test, labels, settings.betas()),
                invarianceError(tagger, test, settings));
    }

    /** The future's value, rethrowing a worker's failure unchanged where it can. */
    private static TaggerResult join(Future<TaggerResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("jet study interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            if (e.getCause() instanceof Error error) throw error;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The fraction of jets whose logit has the label's sign (logit 0 counts as background). */
    static double accuracy(double[] logits, double[] labels) {
        int correct = 0;
        for (int k = 0; k < logits.length; k++) {
            if ((logits[k] > 0) == (labels[k] == 1)) correct++;
        }
        return correct / (double) logits.length;
    }

    /** Test accuracy with every test jet boosted by β along x (rapidity atanh β). */
    private static double[] boostAccuracy(JetTagger tagger, List<Jet> test, double[] labels, double[] betas) {
        double[] out = new double[betas.length];
        for (int k = 0; k < betas.length; k++) {
            LorentzTransform boost = LorentzTransform.boost(atanh(betas[k]), 1, 0, 0);
            double[] logits = new double[test.size()];
            for (int start = 0; start < test.size(); start += EVALUATION_BATCH) {
                List<Jet> part = test.subList(start, Math.min(test.size(), start + EVALUATION_BATCH));
                double[] z = tagger.forward(JetBatch.of(part).transformed(boost)).logits();
                System.arraycopy(z, 0, logits, start, part.size());
            }
            out[k] = accuracy(logits, labels);
        }
        return out;
    }

    /** The largest |Δ logit| over the first invariance jets under random SO⁺(1,3) transformations. */
    private static double invarianceError(JetTagger tagger, List<Jet> test, Settings settings) {
        JetBatch batch = JetBatch.of(test.subList(0, Math.min(test.size(), settings.invarianceJets())));
        double[] reference = tagger.forward(batch).logits();
        Random random = new Random(settings.seed() + 4);
        double worst = 0;
        for (int t = 0; t < settings.transforms(); t++) {
            double[] moved = tagger.forward(batch.transformed(LorentzTransform.random(random, settings.maxRapidity())))
                    .logits();
            for (int b = 0; b < moved.length; b++) worst = Math.max(worst, Math.abs(moved[b] - reference[b]));
        }
        return worst;
    }

    private static double atanh(double beta) {
        return 0.5 * Math.log((1 + beta) / (1 - beta));
    }
}
