package network.mostro.protocol.lightning;

/**
 * Common face of the exceptions BOLT #11 decoding and encoding throw. Each is also a
 * {@link network.mostro.nostr.NostrException} of the kind its {@link #reason()} names, so callers can catch
 * by kind ({@code MalformedInputException}, {@code InvalidInputException}, {@code UnsupportedInputException},
 * {@code CryptoException}) or by this interface and switch on the reason.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface InvoiceFailure
        permits MalformedInvoiceException, InvalidInvoiceException, UnsupportedInvoiceException,
                InvoiceSignatureException {
    /** The specific reason. */
    Bolt11Error reason();
}
