package network.mostro.benchmarks;

import java.util.concurrent.CompletableFuture;
import kotlin.Result;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlin.coroutines.intrinsics.IntrinsicsKt;

/**
 * Calls a rust-nostr {@code suspend} function from Java and blocks for its result, without a coroutine
 * dispatcher: the continuation is resumed on whichever thread completes the native future. Stateless and
 * thread-safe.
 */
final class Kotlin {
    private Kotlin() {}

    /** A call of a Kotlin {@code suspend} function with an explicit continuation. */
    @FunctionalInterface
    interface SuspendCall<T> {
        Object call(Continuation<? super T> continuation) throws Exception;
    }

    @SuppressWarnings("unchecked")
    static <T> T await(SuspendCall<T> call) throws Exception {
        CompletableFuture<Object> done = new CompletableFuture<>();
        Continuation<T> continuation = new Continuation<>() {
            @Override
            public CoroutineContext getContext() {
                return EmptyCoroutineContext.INSTANCE;
            }

            @Override
            public void resumeWith(Object result) {
                done.complete(result);
            }
        };
        Object r = call.call(continuation);
        if (r == IntrinsicsKt.getCOROUTINE_SUSPENDED()) {
            r = done.join();
        }
        if (r instanceof Result.Failure failure) {
            Throwable t = failure.exception;
            if (t instanceof Exception e) {
                throw e;
            }
            throw new IllegalStateException(t);
        }
        return (T) r;
    }
}
