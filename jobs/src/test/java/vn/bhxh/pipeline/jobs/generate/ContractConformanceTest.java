package vn.bhxh.pipeline.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.schema.BenefitsColumns;
import vn.bhxh.pipeline.common.schema.ContributionsColumns;
import vn.bhxh.pipeline.common.schema.ParticipationColumns;

/**
 * Every value the generator writes obeys the landing contract's rules (CONTRACT §1), so ingest
 * quarantines nothing but the deliberate cross-province duplicates of other provinces.
 */
class ContractConformanceTest {
  private static final String TEN_OR_TWELVE_DIGITS = "\\d{10}|\\d{12}";

  @TempDir static Path landing;

  @BeforeAll
  static void generate() {
    LandingFiles.generate(landing, "2025-06", "2025-07", 0.0003, 3);
  }

  @Test
  void participationRows() {
    for (String period : List.of("2025-06", "2025-07")) {
      for (String[] row : rowsOf("participation", period)) {
        String scheme = row[4];
        assertThat(ParticipationColumns.SCHEMES).contains(scheme);
        assertThat(row[2]).matches("\\d{3}");
        assertThat(row[3]).matches(TEN_OR_TWELVE_DIGITS);
        if (scheme.equals("HI")) {
          assertThat(ParticipationColumns.HI_GROUPS).contains(row[5]);
        } else {
          assertThat(row[5]).isEmpty();
        }
        if (scheme.equals("SI_COMPULSORY") || scheme.equals("UI")) {
          assertThat(row[6]).matches("\\d{10}");
        } else {
          assertThat(row[6]).isEmpty();
        }
        assertThat(ParticipationColumns.GENDERS).contains(row[7]);
        assertThat(Integer.parseInt(row[8])).isBetween(1900, 2025);
      }
    }
  }

  @Test
  void contributionsRows() {
    for (String[] row : rowsOf("contributions", "2025-07")) {
      assertThat(ContributionsColumns.PAYER_TYPES).contains(row[3]);
      for (int amount = 4; amount <= 7; amount++) {
        assertThat(Long.parseLong(row[amount])).isNotNegative();
      }
      if (row[3].equals(ContributionsColumns.PAYER_TYPE_EMPLOYER)) {
        assertThat(row[2]).matches("\\d{10}");
        assertThat(ContributionsColumns.YES_NO).contains(row[8]);
      } else {
        assertThat(row[2]).matches(TEN_OR_TWELVE_DIGITS);
      }
    }
  }

  @Test
  void benefitsRows() {
    for (String[] row : rowsOf("benefits", "2025-07")) {
      assertThat(row[2]).matches(row[1] + "-202507-\\d{8}");
      assertThat(row[3]).matches(TEN_OR_TWELVE_DIGITS);
      assertThat(BenefitsColumns.REGIMES).contains(row[4]);
      assertThat(BenefitsColumns.PAYMENT_TYPES).contains(row[5]);
      assertThat(Long.parseLong(row[6])).isNotNegative();
    }
  }

  @Test
  void aPersonHasOneRowPerSchemeInAFile() {
    Path folder = landing.resolve("participation").resolve("2025-07");
    assertThat(LandingFiles.files(folder)).as("one file per province of July 2025").hasSize(34);
    for (String file : LandingFiles.files(folder)) {
      List<String> personSchemes =
          LandingFiles.rows(folder.resolve(file)).stream().map(row -> row[3] + row[4]).toList();
      assertThat(personSchemes).as(file).isNotEmpty().doesNotHaveDuplicates();
    }
  }

  @Test
  void employerTaxCodesNeverCollideWithPersonIds() {
    List<String[]> rows = rowsOf("contributions", "2025-06");
    List<String> employers =
        rows.stream().filter(row -> row[3].equals("EMPLOYER")).map(row -> row[2]).toList();
    List<String> persons = rowsOf("participation", "2025-06").stream().map(row -> row[3]).toList();
    assertThat(employers).isNotEmpty().doesNotHaveDuplicates().doesNotContainAnyElementsOf(persons);
  }

  /** A month's rows of a dataset; none would make every check above pass vacuously. */
  private static List<String[]> rowsOf(String dataset, String period) {
    List<String[]> rows = LandingFiles.rows(landing, dataset, period);
    assertThat(rows).as(dataset + " " + period).isNotEmpty();
    return rows;
  }
}
