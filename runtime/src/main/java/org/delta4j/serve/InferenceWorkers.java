package org.delta4j.serve;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtEngine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.delta4j.nn.NoGrad;

/**
 * Worker threads that serve requests on shared models, each request in a manager of its own with
 * gradient recording off. A machine's cores can serve in two ways:
 *
 * <ul>
 *   <li><b>one at a time with all threads</b> ({@code new InferenceWorkers(1, cores)}): each
 *       request gets every core through PyTorch's intra-op threads; the best latency, and the best
 *       throughput for large requests, whose matrix products split well;
 *   <li><b>N requests in parallel</b> ({@code new InferenceWorkers(n, cores / n)}): each worker
 *       computes with {@code cores / n} threads; small requests (one short sequence), whose
 *       operations are too small to split over many threads, get more throughput this way, each at
 *       a longer latency.
 * </ul>
 *
 * Keep workers × threads at most the cores: PyTorch's intra-op threads are OpenMP threads of the
 * calling thread, so each worker has a team of its own, and more threads than cores slow every
 * request down. Each worker sets its own team's size ({@code JniUtils.setNumThreads}) when it
 * starts (measured: with 2 workers × 1 thread, 2 threads compute; with 2 × 2, 4). PyTorch also
 * keeps the last size set as the default of threads that have not computed yet, so set the size of
 * other computing threads (or {@code ai.djl.pytorch.num_threads}) before starting workers. On a
 * machine shared with other work, a team of several threads waits for its slowest thread at every
 * operation: measure both modes there ({@code bench/run.sh}, {@code SERVE}).
 *
 * <p>A model may be shared by all workers (see README, Operating delta4j: Threads). {@link #close}
 * finishes the work already submitted and refuses new work.
 */
public final class InferenceWorkers implements AutoCloseable {
    private final ThreadPoolExecutor pool;
    private final NDManager requests;
    private final int workers;
    private final int threadsPerWorker;

    /**
     * @param workers how many requests run at once, at least 1
     * @param threadsPerWorker each worker's intra-op threads, at least 1; workers × threads should
     *     not exceed the cores
     * @throws IllegalArgumentException when a count is below 1
     */
    public InferenceWorkers(int workers, int threadsPerWorker) {
        if (workers < 1 || threadsPerWorker < 1) {
            throw new IllegalArgumentException(
                    "workers and threadsPerWorker must be at least 1, got "
                            + workers
                            + " and "
                            + threadsPerWorker
                            + "; for C cores use 1 worker × C threads or N workers × C/N threads");
        }
        this.workers = workers;
        this.threadsPerWorker = threadsPerWorker;
        this.requests = NDManager.newBaseManager();
        AtomicInteger count = new AtomicInteger();
        this.pool =
                new ThreadPoolExecutor(
                        workers,
                        workers,
                        0,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        work -> {
                            Thread t =
                                    new Thread(
                                            () -> {
                                                configureThisThread(threadsPerWorker);
                                                work.run();
                                            },
                                            "delta4j-inference-" + count.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        pool.prestartAllCoreThreads();
    }

    /**
     * @return how many requests run at once
     */
    public int workers() {
        return workers;
    }

    /**
     * @return each worker's intra-op threads
     */
    public int threadsPerWorker() {
        return threadsPerWorker;
    }

    /**
     * Queues one request. It runs on a worker with gradient recording off, in a manager of its own
     * that closes when it returns: use {@link Inference#forward} inside, and return Java values,
     * not arrays.
     *
     * @param request the work of one request, given its manager
     * @param <T> its result type
     * @return its result, when done; a failure of the request is the future's
     * @throws RejectedExecutionException when the workers are closed
     */
    public <T> Future<T> submit(Function<NDManager, T> request) {
        try {
            return pool.submit(
                    () -> {
                        try (NDManager manager = requests.newSubManager()) {
                            return NoGrad.run(() -> request.apply(manager));
                        }
                    });
        } catch (RejectedExecutionException e) {
            throw new RejectedExecutionException(
                    "these InferenceWorkers are closed and take no more requests; submit to new"
                            + " ones",
                    e);
        }
    }

    /**
     * Refuses new requests, finishes those already submitted (running and queued), waits for them
     * and frees the workers' memory. An interrupt while waiting cancels the queued requests.
     */
    @Override
    public void close() {
        pool.shutdown();
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // Requests may be long; keep waiting, as close() promises to finish them.
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (pool.isTerminated()) {
            requests.close();
        }
    }

    /**
     * Sizes the calling thread's intra-op team, which is per thread in PyTorch; each request turns
     * gradient recording off itself ({@link #submit}).
     */
    private static void configureThisThread(int threads) {
        if (PtEngine.ENGINE_NAME.equals(Engine.getInstance().getEngineName())) {
            JniUtils.setNumThreads(threads);
        }
    }
}
