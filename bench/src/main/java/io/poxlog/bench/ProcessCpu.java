package io.poxlog.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time this process has used (all threads: producer, service, event loops, subscribers). Per
 * record it is the cost of the whole path, a figure that other work on the machine does not move
 * the way it moves records per second.
 */
final class ProcessCpu {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessCpu() {
    }

    static long nanos() {
        return OS.getProcessCpuTime();
    }
}
