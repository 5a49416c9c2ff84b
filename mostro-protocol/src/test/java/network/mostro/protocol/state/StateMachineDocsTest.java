package network.mostro.protocol.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import network.mostro.protocol.Action;
import org.junit.jupiter.api.Test;

/** docs/state-machine.md is generated from the table and must never drift from it. */
class StateMachineDocsTest {

    @Test
    void docsMatchTheCode() throws IOException {
        Path doc = Path.of("../docs/state-machine.md");
        assertThat(doc).as("run network.mostro.protocol.state.StateMachineDocs to generate %s", doc).exists();
        String onDisk = Files.readString(doc, StandardCharsets.UTF_8);
        assertThat(onDisk)
                .as("docs/state-machine.md is stale: regenerate it with "
                        + "network.mostro.protocol.state.StateMachineDocs ../docs/state-machine.md")
                .isEqualTo(OrderStateMachine.standard().markdown());
    }

    @Test
    void renderingCoversEveryTriggerAndRule() {
        String md = OrderStateMachine.standard().markdown();
        for (SystemEvent e : SystemEvent.values()) {
            assertThat(md).contains("event `" + e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "`");
        }
        for (Action a : Action.values()) {
            assertThat(md).contains("`" + a.wireName() + "`");
        }
        assertThat(md).contains("| cancel.10 | both | `active`, `dispute`, `fiat-sent` |")
                .contains("cant-do `invalid_pubkey`");
    }
}
