package io.poxlog.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JIT's compiling time, and warm-ups that last until the JIT is quiet. A scenario measured
 * while C2 still compiles its path measures a third busy thread on the two cores as well: in a
 * suite's first run the log call's did, however long a fixed warm-up was.
 */
final class Jit {
    /** A warm-up pass during which the JIT compiled for less than this is quiet. */
    static final long QUIET_MS = 20;
    static final int MAX_PASSES = 10;

    /** One warm-up pass over the scenario's cases. */
    interface Pass {
        void run() throws Exception;
    }

    private Jit() {
    }

    /** Runs {@code pass} until one compiled for under {@link #QUIET_MS} (at most {@link #MAX_PASSES}); returns how many ran. */
    static int warmUntilQuiet(Pass pass) throws Exception {
        int passes = 0;
        long compiling;
        do {
            long jit0 = compilationMillis();
            pass.run();
            compiling = compilationMillis() - jit0;
            passes++;
        } while (compiling > QUIET_MS && passes < MAX_PASSES);
        return passes;
    }

    /** The JIT's compiling time so far, every compiler thread's; 0 where the JVM does not say. */
    static long compilationMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }
}
