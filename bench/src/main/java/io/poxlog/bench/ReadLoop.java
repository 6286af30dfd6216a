package io.poxlog.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A thread, "bench-subscribers-N", that reads headless subscribers' connections through a
 * selector; there is one per core, and subscribers are spread over them in turn. A thread per
 * subscriber would make 100 subscribers 100 threads waking for every record on a 2-core machine,
 * and the benchmark would measure the scheduler more than the server. Shared by the whole run;
 * the threads are daemons and live as long as the JVM.
 */
final class ReadLoop implements Runnable {
    /** Reads per connection before the others get their turn. */
    private static final int READS_PER_TURN = 16;
    private static ReadLoop[] loops;
    /** Subscribers' threads of their own (a comet subscriber's GET loop), counted with the loops'. */
    private static final java.util.List<Thread> others = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static int turn;

    private final Selector selector;
    private final ConcurrentLinkedQueue<NioSubscriber> joining = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    private final Thread thread;

    private ReadLoop(int n) throws IOException {
        selector = Selector.open();
        thread = new Thread(this, "bench-subscribers-" + n);
        thread.setDaemon(true);
    }

    /** The loop for the next subscriber: each in turn. */
    static synchronized ReadLoop next() {
        ReadLoop[] all = all();
        return all[turn++ % all.length];
    }

    /** CPU time (user and system) of every loop's thread so far: all the subscribers' reading. */
    static synchronized long allCpuNanos() {
        long sum = 0;
        for (ReadLoop l : all()) {
            sum += l.cpuNanos();
        }
        for (Thread t : others) {
            sum += Math.max(0, ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId()));
        }
        return sum;
    }

    /** Counts {@code t}'s CPU time as the subscribers' reading from now on ({@link #allCpuNanos}). */
    static void countAlso(Thread t) {
        others.add(t);
    }

    private static ReadLoop[] all() {
        if (loops == null) {
            loops = new ReadLoop[Runtime.getRuntime().availableProcessors()];
            try {
                for (int i = 0; i < loops.length; i++) {
                    loops[i] = new ReadLoop(i);
                    loops[i].thread.start();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loops;
    }

    /** Starts reading {@code s}'s connection (non-blocking from now on). */
    void add(NioSubscriber s) {
        joining.add(s);
        selector.wakeup();
    }

    private long cpuNanos() {
        return Math.max(0, ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId()));
    }

    @Override
    public void run() {
        while (true) {
            try {
                selector.select();
                NioSubscriber s;
                while ((s = joining.poll()) != null) {
                    s.channel().register(selector, SelectionKey.OP_READ, s);
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey k = keys.next();
                    keys.remove();
                    read(k);
                }
            } catch (IOException e) {
                // A broken selector ends the benchmark's reading; the scenarios then time out and say so.
                throw new UncheckedIOException(e);
            }
        }
    }

    private void read(SelectionKey k) {
        NioSubscriber s = (NioSubscriber) k.attachment();
        SocketChannel ch = (SocketChannel) k.channel();
        try {
            for (int i = 0; i < READS_PER_TURN; i++) {
                buf.clear();
                int n = ch.read(buf);
                if (n < 0) {
                    k.cancel();
                    return;
                }
                if (n == 0) {
                    return;
                }
                s.received(buf.array(), n);
            }
        } catch (IOException e) {
            k.cancel(); // closed by the scenario, or refused as not a stream of objects
        }
    }
}
