package network.mostro.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidsTest {
    @Test
    void parsesTheFourFormsAndRejectsTheRest() {
        Random r = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            UUID u = new UUID(r.nextLong(), r.nextLong());
            String h = u.toString();
            assertThat(Uuids.parse(h)).isEqualTo(u);
            assertThat(Uuids.parse(h.toUpperCase(java.util.Locale.ROOT))).isEqualTo(u);
            assertThat(Uuids.parse(h.replace("-", ""))).isEqualTo(u);
            assertThat(Uuids.parse("{" + h + "}")).isEqualTo(u);
            assertThat(Uuids.parse("urn:uuid:" + h)).isEqualTo(u);
        }
        for (String bad : new String[] {"", "abc-123", "<Order Id>", "ede61c96-4c13-4519-bf3a-dcf7f1e9d84",
                "ede61c96-4c13-4519-bf3a-dcf7f1e9d8422", "ede61c964-c13-4519-bf3a-dcf7f1e9d842",
                "ede61c96-4c13-4519-bf3a-dcf7f1e9d84\uFF10", "+de61c96-4c13-4519-bf3a-dcf7f1e9d842",
                "ede61c96-4c13-4519-bf3a-dcf7f1e9d84 ", "[ede61c96-4c13-4519-bf3a-dcf7f1e9d842]"}) {
            assertThat(Uuids.parse(bad)).as(bad).isNull();
        }
    }
}
