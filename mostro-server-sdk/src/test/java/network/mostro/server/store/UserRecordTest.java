package network.mostro.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import network.mostro.nostr.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserRecordTest {

    /** A JDBC store cannot round-trip a non-finite rating (SQLite stores NaN as NULL), so the record refuses it. */
    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteRatingIsRefused(double rating) {
        assertThatThrownBy(() -> new UserRecord("ab", 0, 1, rating, 5, 5, 5, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("finite");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 2.5, 4.999})
    void finiteRatingIsKept(double rating) {
        assertThat(new UserRecord("ab", 0, 1, rating, 5, 5, 5, 0).totalRating()).isEqualTo(rating);
    }
}
