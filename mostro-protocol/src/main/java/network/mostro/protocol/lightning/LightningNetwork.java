package network.mostro.protocol.lightning;

import java.util.Optional;

/**
 * The Bitcoin network a Lightning invoice is for, with its BOLT #11 human-readable prefix and the network
 * name LND reports ({@code mainnet}, {@code testnet}, {@code signet}, {@code regtest}).
 *
 * <p>Two prefixes extend others ({@code lnbcrt} starts with {@code lnbc}, {@code lntbs} with {@code lntb});
 * {@link #fromHrp(String)} always picks the longest match, which is unambiguous because an amount starts
 * with a digit. Immutable and thread-safe.
 */
public enum LightningNetwork {
    /** Bitcoin mainnet, prefix {@code lnbc}. */
    MAINNET("lnbc", "mainnet"),
    /** Bitcoin testnet (3 and 4), prefix {@code lntb}. */
    TESTNET("lntb", "testnet"),
    /** Bitcoin signet, prefix {@code lntbs}. */
    SIGNET("lntbs", "signet"),
    /** Bitcoin regtest, prefix {@code lnbcrt}. */
    REGTEST("lnbcrt", "regtest");

    /** Candidates for prefix matching, longest prefix first. */
    private static final LightningNetwork[] BY_PREFIX_LENGTH = {REGTEST, SIGNET, MAINNET, TESTNET};

    private final String hrpPrefix;
    private final String wireName;

    LightningNetwork(String hrpPrefix, String wireName) {
        this.hrpPrefix = hrpPrefix;
        this.wireName = wireName;
    }

    /** The BOLT #11 prefix: {@code ln} plus the BIP-173 currency code, e.g. {@code lnbc}. */
    public String hrpPrefix() {
        return hrpPrefix;
    }

    /** The network name as LND and Mostro settings spell it, e.g. {@code mainnet}. */
    public String wireName() {
        return wireName;
    }

    /** The network with this wire name ({@code mainnet}, {@code testnet}, {@code signet}, {@code regtest}). */
    public static Optional<LightningNetwork> fromWire(String name) {
        for (LightningNetwork n : values()) {
            if (n.wireName.equals(name)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /**
     * The network whose prefix starts the given lowercase human-readable part, preferring the longest prefix
     * ({@code lnbcrt1…} is regtest, not mainnet).
     */
    public static Optional<LightningNetwork> fromHrp(String hrp) {
        if (hrp == null) {
            return Optional.empty();
        }
        for (LightningNetwork n : BY_PREFIX_LENGTH) {
            if (hrp.startsWith(n.hrpPrefix)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }
}
