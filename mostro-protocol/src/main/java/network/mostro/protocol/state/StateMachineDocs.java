package network.mostro.protocol.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import network.mostro.protocol.Action;
import network.mostro.protocol.OrderKind;
import network.mostro.protocol.OrderStatus;
import network.mostro.protocol.state.StateTable.EffT;
import network.mostro.protocol.state.StateTable.Go;
import network.mostro.protocol.state.StateTable.Ignore;
import network.mostro.protocol.state.StateTable.Lit;
import network.mostro.protocol.state.StateTable.LnT;
import network.mostro.protocol.state.StateTable.NoteT;
import network.mostro.protocol.state.StateTable.Refuse;
import network.mostro.protocol.state.StateTable.Rule;

/**
 * Renders {@link StateTable} to Markdown ({@code docs/state-machine.md}). Run {@link #main} with the output path
 * to regenerate the file; {@code StateMachineDocsTest} fails when the file and the code differ. Not public API.
 * Stateless and thread-safe.
 */
final class StateMachineDocs {
    private StateMachineDocs() {}

    /**
     * Writes the rendered table to {@code args[0]} (default {@code ../docs/state-machine.md}).
     *
     * @throws IOException if the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "../docs/state-machine.md");
        Files.writeString(out, render(), StandardCharsets.UTF_8);
    }

    /** The whole document. */
    public static String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Order state machine\n\n");
        sb.append("<!-- Generated from mostro-protocol's network.mostro.protocol.state.StateTable by\n");
        sb.append("     network.mostro.protocol.state.StateMachineDocs; do not edit. StateMachineDocsTest fails\n");
        sb.append("     when this file and the code differ. -->\n\n");
        sb.append("The canonical transitions of Mostro orders (SPEC §6–§8, §10, §11, §13, §14), as implemented by\n");
        sb.append("`network.mostro.protocol.state.OrderStateMachine`. For each trigger the rules are tried in order and\n");
        sb.append("the first rule whose kind, status and condition match decides: an accepted transition, a `cant-do`\n");
        sb.append("refusal, or silence. Parties: B = buyer, S = seller; the maker is S on sell orders and B on buy\n");
        sb.append("orders. Amounts: amt = order sats, fee = per-party Mostro fee. `s` is the tag of the kind-38383 event\n");
        sb.append("the transition publishes; \"no event\" leaves the previous one in place.\n\n");

        sb.append("## Published `s` on entering a status (§6.1)\n\n");
        sb.append("| Status | sell order | buy order | waiting on (sell / buy) |\n|---|---|---|---|\n");
        for (OrderStatus s : OrderStatus.values()) {
            sb.append("| `").append(s.wireName()).append("` | ")
                    .append(bucket(PublishedBucket.onEntry(OrderKind.SELL, s))).append(" | ")
                    .append(bucket(PublishedBucket.onEntry(OrderKind.BUY, s))).append(" | ")
                    .append(lower(OrderStateMachine.waitingOn(s, OrderKind.SELL).name())).append(" / ")
                    .append(lower(OrderStateMachine.waitingOn(s, OrderKind.BUY).name()))
                    .append(OrderStateMachine.isTerminal(s) ? " (terminal)" : "").append(" |\n");
        }
        sb.append("\nExceptions: `waiting-maker-bond → expired` publishes nothing, `pending → waiting-taker-bond`\n");
        sb.append("publishes nothing, and an unchanged status publishes nothing unless the rule says *republish*.\n\n");

        sb.append("## Rules\n");
        for (Map.Entry<Object, List<Rule>> e : StateTable.RULES.entrySet()) {
            Object key = e.getKey();
            String title = key.equals(StateTable.CREATION) ? "`new-order` (order creation)"
                    : key instanceof Action a ? "`" + a.wireName() + "` (user → Mostro)"
                    : "event `" + StateTable.keyName(key) + "`";
            sb.append("\n### ").append(title).append("\n\n");
            sb.append("| Rule | Kind | From | When | Outcome |\n|---|---|---|---|---|\n");
            for (Rule r : e.getValue()) {
                sb.append("| ").append(r.id()).append(" | ").append(kinds(r.kinds())).append(" | ")
                        .append(key.equals(StateTable.CREATION) ? "—" : statuses(r.from())).append(" | ")
                        .append(lits(r.when())).append(" | ")
                        .append(outcome(e.getValue(), r, key.equals(StateTable.CREATION)))
                        .append(" |\n");
            }
        }

        sb.append("\n## Actions the router ignores\n\n");
        sb.append("Any other action sent to Mostro is dropped silently (`ignored (not routed)`): ");
        List<String> dropped = new ArrayList<>();
        for (Action a : Action.values()) {
            if (!StateTable.RULES.containsKey(a)) {
                dropped.add("`" + a.wireName() + "`");
            }
        }
        sb.append(String.join(", ", dropped)).append(".\n");
        return sb.toString();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String bucket(Optional<OrderStatus> b) {
        return b.map(s -> "`" + s.wireName() + "`").orElse("no event");
    }

    private static String kinds(Set<OrderKind> k) {
        return k.size() == 2 ? "both" : k.iterator().next().wireName();
    }

    private static String statuses(Set<OrderStatus> from) {
        Set<OrderStatus> all = EnumSet.allOf(OrderStatus.class);
        if (from.equals(all)) {
            return "any";
        }
        if (from.size() > all.size() / 2) {
            EnumSet<OrderStatus> rest = EnumSet.allOf(OrderStatus.class);
            rest.removeAll(from);
            return "any but " + rest.stream().map(s -> "`" + s.wireName() + "`").collect(Collectors.joining(", "));
        }
        return from.stream().map(s -> "`" + s.wireName() + "`").collect(Collectors.joining(", "));
    }

    private static String lits(List<Lit> lits) {
        return lits.isEmpty() ? "—" : lits.stream().map(Lit::render).collect(Collectors.joining(" and "));
    }

    private static String cond(List<Lit> lits) {
        return lits.isEmpty() ? "" : " *(if " + lits.stream().map(Lit::render).collect(Collectors.joining(" and "))
                + ")*";
    }

    private static String outcome(List<Rule> rules, Rule r, boolean creation) {
        if (r.outcome() instanceof Refuse x) {
            return "cant-do `" + x.reason().wireName() + "`";
        }
        if (r.outcome() instanceof Ignore x) {
            return "ignored (" + lower(x.reason().name()) + ")";
        }
        Go g = (Go) r.outcome();
        List<String> parts = new ArrayList<>();
        parts.add((g.to() == null ? "status unchanged" : "→ `" + g.to().wireName() + "`") + "; "
                + published(rules, r, g, creation));
        if (!g.notes().isEmpty()) {
            parts.add("msgs: " + g.notes().stream().map(StateMachineDocs::note).collect(Collectors.joining("; ")));
        }
        if (!g.lightning().isEmpty()) {
            parts.add("LN: " + g.lightning().stream().map(StateMachineDocs::ln).collect(Collectors.joining("; ")));
        }
        if (!g.effects().isEmpty()) {
            parts.add("order: " + g.effects().stream().map(StateMachineDocs::eff).collect(Collectors.joining("; ")));
        }
        if (g.disputeTo() != null) {
            parts.add("dispute → `" + g.disputeTo().wireName() + "`" + cond(g.disputeWhen()));
        }
        return String.join("<br>", parts);
    }

    /**
     * The statuses in which {@code r} can decide for {@code kind}: its own, minus those an earlier unguarded rule
     * of the same trigger already decides.
     */
    private static Set<OrderStatus> reachableFrom(List<Rule> rules, Rule r, OrderKind kind) {
        EnumSet<OrderStatus> from = EnumSet.noneOf(OrderStatus.class);
        from.addAll(r.from());
        from.remove(OrderStatus.IN_PROGRESS);
        for (Rule earlier : rules) {
            if (earlier == r) {
                break;
            }
            if (earlier.when().isEmpty() && earlier.kinds().contains(kind)) {
                from.removeAll(earlier.from());
            }
        }
        return from;
    }

    private static String published(List<Rule> rules, Rule r, Go g, boolean creation) {
        Map<OrderKind, Set<String>> byKind = new LinkedHashMap<>();
        for (OrderKind k : r.kinds()) {
            Set<String> values = new LinkedHashSet<>();
            if (creation) {
                values.add(bucket(PublishedBucket.forTransition(k, null, g.to(), g.republish())));
            } else {
                Set<OrderStatus> reachable = reachableFrom(rules, r, k);
                if (reachable.isEmpty()) {
                    continue;
                }
                for (OrderStatus from : reachable) {
                    OrderStatus to = g.to() == null ? from : g.to();
                    values.add(bucket(PublishedBucket.forTransition(k, from, to, g.republish())));
                }
            }
            byKind.put(k, values);
        }
        Set<Set<String>> distinct = new LinkedHashSet<>(byKind.values());
        String prefix = g.republish() ? "republish, s: " : "s: ";
        if (distinct.size() == 1) {
            return prefix + String.join(" / ", distinct.iterator().next());
        }
        return prefix + byKind.entrySet().stream()
                .map(e -> e.getKey().wireName() + " " + String.join(" / ", e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String note(NoteT n) {
        StringBuilder sb = new StringBuilder(n.who().label).append(": ").append(n.action().wireName());
        List<String> detail = new ArrayList<>();
        if (n.shape() != PayloadShape.NONE) {
            detail.add(lower(n.shape().name()));
        }
        if (n.amount() != AmountVariant.NONE) {
            detail.add(amount(n.amount()));
        }
        if (!detail.isEmpty()) {
            sb.append(" (").append(String.join(", ", detail)).append(")");
        }
        return sb.append(cond(n.when())).toString();
    }

    private static String amount(AmountVariant a) {
        return switch (a) {
            case NONE -> "";
            case ORDER_AMOUNT -> "amt";
            case HOLD_INVOICE_AMOUNT -> "amt+fee";
            case BUYER_PAYOUT -> "amt−fee";
            case BOND_AMOUNT -> "bond";
            case SLASHED_BOND -> "slashed bond";
            case BOND_SHARE -> "bond share";
        };
    }

    private static String ln(LnT l) {
        return lower(l.effect().name()) + cond(l.when());
    }

    private static String eff(EffT e) {
        return lower(e.effect().name()) + cond(e.when());
    }
}
