package network.mostro.protocol;

/**
 * Mostro's signature for one escrowed Cashu proof, an element of the {@code cashu_signatures} payload
 * (experimental Cashu mode, SPEC §16). Immutable and thread-safe.
 *
 * @param secret the proof secret
 * @param signature Mostro's signature over it
 */
public record CashuProofSignature(String secret, String signature) {
    /** @throws NullPointerException if a component is null */
    public CashuProofSignature {
        Checks.text(secret, "secret");
        Checks.text(signature, "signature");
    }
}
