package vn.bhxh.pipeline.common.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.catalog.TableVersion;

class VerifiedContentTest {
  private static final List<String> COLUMNS = List.of("code", "name", "valid_to");
  private static final Row HA_NOI = RowFactory.create("01", "Hà Nội", null);
  private static final Row HA_GIANG =
      RowFactory.create("02", "Hà Giang", Date.valueOf("2025-06-30"));
  private static final TableVersion V3 = new TableVersion("table-a", 3);

  @Test
  void theFingerprintIsTheSha256OfTheHeaderAndTheSortedEncodedRows() {
    // The encoding, worked by hand: "length:text," per value, "-," for null, one line per row.
    // printf '4:code,4:name,8:valid_to,\n2:01,6:Hà Nội,-,\n' | sha256sum
    assertThat(VerifiedContent.fingerprint(COLUMNS, List.of(HA_NOI)))
        .isEqualTo("f491b7b5b479e2ede42d27255292e97675ec66b959a14b7c8368e67ce9a72715");
  }

  @Test
  void rowOrderDoesNotMatterButEveryRowAndItsCountDo() {
    String both = VerifiedContent.fingerprint(COLUMNS, List.of(HA_NOI, HA_GIANG));

    assertThat(VerifiedContent.fingerprint(COLUMNS, List.of(HA_GIANG, HA_NOI))).isEqualTo(both);
    assertThat(VerifiedContent.fingerprint(COLUMNS, List.of(HA_NOI))).isNotEqualTo(both);
    assertThat(VerifiedContent.fingerprint(COLUMNS, List.of(HA_NOI, HA_GIANG, HA_GIANG)))
        .isNotEqualTo(both);
  }

  @Test
  void valuesColumnsAndNullsAreTold() {
    String reference = VerifiedContent.fingerprint(COLUMNS, List.of(HA_GIANG));

    // A changed date, a null instead of a value, the text "-" instead of null, values shifted
    // between columns, and renamed columns each give another fingerprint.
    assertThat(
            List.of(
                VerifiedContent.fingerprint(
                    COLUMNS,
                    List.of(RowFactory.create("02", "Hà Giang", Date.valueOf("2025-07-01")))),
                VerifiedContent.fingerprint(
                    COLUMNS, List.of(RowFactory.create("02", "Hà Giang", null))),
                VerifiedContent.fingerprint(
                    COLUMNS, List.of(RowFactory.create("02", "Hà Giang", "-"))),
                VerifiedContent.fingerprint(
                    COLUMNS,
                    List.of(RowFactory.create("02Hà", " Giang", Date.valueOf("2025-06-30")))),
                VerifiedContent.fingerprint(
                    List.of("code", "name_vi", "valid_to"), List.of(HA_GIANG))))
        .doesNotContain(reference)
        .doesNotHaveDuplicates();
  }

  @Test
  void aNestedValueIsRefused() {
    Row nested = RowFactory.create("01", RowFactory.create("x"), null);

    assertThatThrownBy(() -> VerifiedContent.fingerprint(COLUMNS, List.of(nested)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot fingerprint a value of type");
  }

  @Test
  void itVouchesOnlyForTheSameTableAtTheSameVersionWithTheSameRows() {
    VerifiedContent verified = new VerifiedContent(V3, "aa11");

    assertThat(verified.vouchesFor(new TableVersion("table-a", 3), "aa11")).isTrue();
    assertThat(verified.vouchesFor(new TableVersion("table-a", 4), "aa11")).isFalse();
    assertThat(verified.vouchesFor(new TableVersion("table-b", 3), "aa11")).isFalse();
    assertThat(verified.vouchesFor(V3, "bb22")).isFalse();
  }

  @Test
  void aWriteIsProvenOnlyWhenItsCommitIsTheNextOne() {
    Optional<TableVersion> none = Optional.empty();

    assertThat(VerifiedContent.ofWrite(Optional.of(V3), Optional.of(tableA(4)), "aa11"))
        .contains(new VerifiedContent(tableA(4), "aa11"));
    assertThat(VerifiedContent.ofWrite(none, Optional.of(tableA(0)), "aa11"))
        .contains(new VerifiedContent(tableA(0), "aa11"));
    // Another commit came between (5), or after (also 5), or the table was created again.
    assertThat(VerifiedContent.ofWrite(Optional.of(V3), Optional.of(tableA(5)), "aa11")).isEmpty();
    assertThat(
            VerifiedContent.ofWrite(
                Optional.of(V3), Optional.of(new TableVersion("table-b", 4)), "aa11"))
        .isEmpty();
    assertThat(VerifiedContent.ofWrite(none, Optional.of(tableA(1)), "aa11")).isEmpty();
    assertThat(VerifiedContent.ofWrite(Optional.of(V3), none, "aa11")).isEmpty();
  }

  @Test
  void itIsReadBackFromTheDetailsItWroteAndNotFromIncompleteOnes() {
    VerifiedContent verified = new VerifiedContent(V3, "aa11");
    Map<String, String> details = verified.toDetails("geography");

    assertThat(details)
        .containsExactly(
            Map.entry("geography_verified_table_id", "table-a"),
            Map.entry("geography_verified_version", "3"),
            Map.entry("geography_verified_sha256", "aa11"));
    assertThat(VerifiedContent.fromDetails(details, "geography")).contains(verified);
    assertThat(VerifiedContent.fromDetails(details, "targets")).isEmpty();

    Map<String, String> incomplete = new HashMap<>(details);
    incomplete.remove("geography_verified_sha256");
    assertThat(VerifiedContent.fromDetails(incomplete, "geography")).isEmpty();
    Map<String, String> garbled = new HashMap<>(details);
    garbled.put("geography_verified_version", "three");
    assertThat(VerifiedContent.fromDetails(garbled, "geography")).isEmpty();
  }

  private static TableVersion tableA(long version) {
    return new TableVersion("table-a", version);
  }
}
