package org.equikern.testing;

import java.util.Optional;
import org.equikern.testing.BackendCoverage.Backend;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints {@link BackendCoverage}'s line at the end of every test run, so a run's output says which
 * backends were exercised and why one was not. Registered for the JUnit Platform launcher through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener} in the test resources,
 * so surefire, IDEs and the console launcher all pick it up.
 */
public final class BackendCoverageListener implements TestExecutionListener {
    private BackendCoverage coverage = new BackendCoverage();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        coverage = new BackendCoverage();
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        backend(id).ifPresent(b -> coverage.skipped(b, reason));
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Optional<Backend> backend = backend(id);
        if (backend.isEmpty()) return;
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            // An assumption that failed: a skip with its message.
            coverage.skipped(backend.get(), result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        } else if (id.isTest()) {
            coverage.ran(backend.get());
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        System.out.println("Backend coverage: " + coverage.line());
    }

    private static Optional<Backend> backend(TestIdentifier id) {
        Optional<TestSource> source = id.getSource();
        if (source.isEmpty()) return Optional.empty();
        TestSource s = source.get();
        if (s instanceof MethodSource) return Backend.of(((MethodSource) s).getJavaClass());
        if (s instanceof ClassSource) return Backend.of(((ClassSource) s).getJavaClass());
        return Optional.empty();
    }
}
