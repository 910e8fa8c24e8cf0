package vn.bhxh.pipeline.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.schema.BenefitsColumns;
import vn.bhxh.pipeline.common.schema.ContributionsColumns;
import vn.bhxh.pipeline.common.schema.ParticipationColumns;
import vn.bhxh.pipeline.common.schema.PopulationColumns;
import vn.bhxh.pipeline.common.schema.TargetsColumns;

/**
 * The acceptance case of the issue: {@code generate --from 2025-06 --to 2025-07 --scale 0.0002
 * --seed 7}, across the 2025-07 merger of provinces.
 */
class GenerateAcceptanceTest {
  private static final int PERSON_ID = 3;
  private static final Map<String, List<String>> HEADERS =
      Map.of(
          ParticipationColumns.DATASET, ParticipationColumns.LANDING_COLUMNS,
          ContributionsColumns.DATASET, ContributionsColumns.LANDING_COLUMNS,
          BenefitsColumns.DATASET, BenefitsColumns.LANDING_COLUMNS);

  @TempDir static Path first;
  @TempDir static Path second;

  @BeforeAll
  static void generateTwice() {
    LandingFiles.generate(first, "2025-06", "2025-07", 0.0002, 7);
    LandingFiles.generate(second, "2025-06", "2025-07", 0.0002, 7);
  }

  @Test
  void writes63FilesPerDatasetBeforeTheMergerAnd34After() {
    for (String dataset : HEADERS.keySet()) {
      List<String> june = LandingFiles.files(first.resolve(dataset).resolve("2025-06"));
      List<String> july = LandingFiles.files(first.resolve(dataset).resolve("2025-07"));
      assertThat(june).as(dataset + " 2025-06").hasSize(63).contains("54.csv", "58.csv", "93.csv");
      assertThat(july).as(dataset + " 2025-07").hasSize(34).contains("66.csv", "91.csv");
      assertThat(july).doesNotContain("54.csv", "58.csv", "93.csv");
    }
    assertThat(LandingFiles.files(first))
        .hasSize(3 * (63 + 34) + 2)
        .contains(PopulationColumns.LANDING_FILE, TargetsColumns.LANDING_FILE);
  }

  @Test
  void everyFileStartsWithTheContractHeader() {
    for (Map.Entry<String, List<String>> dataset : HEADERS.entrySet()) {
      for (String period : List.of("2025-06", "2025-07")) {
        Path folder = first.resolve(dataset.getKey()).resolve(period);
        for (String file : LandingFiles.files(folder)) {
          assertThat(LandingFiles.header(folder.resolve(file)))
              .as(dataset.getKey() + "/" + period + "/" + file)
              .isEqualTo(String.join(",", dataset.getValue()));
        }
      }
    }
    assertThat(LandingFiles.header(first.resolve(PopulationColumns.LANDING_FILE)))
        .isEqualTo("year,province_code,population,working_age_population");
    assertThat(LandingFiles.header(first.resolve(TargetsColumns.LANDING_FILE)))
        .isEqualTo("year,geo_code,indicator,target");
  }

  @Test
  void theSameArgumentsGiveIdenticalBytes() {
    Map<String, String> firstRun = LandingFiles.checksums(first);
    assertThat(firstRun).hasSize(3 * (63 + 34) + 2);
    assertThat(LandingFiles.checksums(second)).isEqualTo(firstRun);
  }

  @Test
  void anotherSeedGivesOtherBytes(@TempDir Path other) {
    LandingFiles.generate(other, "2025-06", "2025-06", 0.0002, 8);
    Map<String, String> seven = LandingFiles.checksums(first);
    Map<String, String> eight = LandingFiles.checksums(other);
    for (Map.Entry<String, String> file : eight.entrySet()) {
      if (file.getKey().startsWith(ParticipationColumns.DATASET + "/")) {
        assertThat(file.getValue()).as(file.getKey()).isNotEqualTo(seven.get(file.getKey()));
      }
    }
    assertThat(eight.get(TargetsColumns.LANDING_FILE))
        .isNotEqualTo(seven.get(TargetsColumns.LANDING_FILE));
  }

  @Test
  void aMonthIsTheSameWhicheverRangeItWasGeneratedIn(@TempDir Path julyOnly) {
    LandingFiles.generate(julyOnly, "2025-07", "2025-07", 0.0002, 7);
    Map<String, String> whole = LandingFiles.checksums(first);
    Map<String, String> alone = LandingFiles.checksums(julyOnly);
    for (Map.Entry<String, String> file : alone.entrySet()) {
      if (file.getKey().contains("/2025-07/")) {
        assertThat(file.getValue()).as(file.getKey()).isEqualTo(whole.get(file.getKey()));
      }
    }
  }

  @Test
  void everyRowCarriesThePeriodOfItsFolderAndTheProvinceOfItsName() {
    for (String dataset : HEADERS.keySet()) {
      for (String period : List.of("2025-06", "2025-07")) {
        Path folder = first.resolve(dataset).resolve(period);
        for (String file : LandingFiles.files(folder)) {
          String province = file.substring(0, 2);
          List<String[]> rows = LandingFiles.rows(folder.resolve(file));
          assertThat(rows).as(dataset + "/" + period + "/" + file).isNotEmpty();
          for (String[] row : rows) {
            assertThat(row).hasSize(HEADERS.get(dataset).size());
            assertThat(row[0]).isEqualTo(period);
            assertThat(row[1]).isEqualTo(province);
          }
        }
      }
    }
  }

  @Test
  void personsOfPhuYenKeepTheirIdsUnderDakLakAfterTheMerger() {
    Set<String> phuYenJune =
        ids(first.resolve("participation/2025-06/54.csv"), "SI_COMPULSORY", "SI_VOLUNTARY");
    Set<String> dakLakJune =
        ids(first.resolve("participation/2025-06/66.csv"), "SI_COMPULSORY", "SI_VOLUNTARY");
    Set<String> dakLakJuly =
        ids(first.resolve("participation/2025-07/66.csv"), "SI_COMPULSORY", "SI_VOLUNTARY");
    assertThat(phuYenJune).isNotEmpty();
    assertThat(retained(phuYenJune, dakLakJuly)).isGreaterThan(0.9);
    assertThat(retained(dakLakJune, dakLakJuly)).isGreaterThan(0.9);
    // Phu Yen's SI numbers start with its own code, 54, wherever they are reported.
    assertThat(dakLakJuly.stream().filter(id -> id.startsWith("54") || id.startsWith("054")))
        .isNotEmpty();
  }

  @Test
  void participantsPersistFromMonthToMonthNationally() {
    Set<String> june =
        LandingFiles.distinct(
            LandingFiles.rows(first, "participation", "2025-06"), PERSON_ID, 4, Set.of("HI"));
    Set<String> july =
        LandingFiles.distinct(
            LandingFiles.rows(first, "participation", "2025-07"), PERSON_ID, 4, Set.of("HI"));
    assertThat(retained(june, july)).isGreaterThan(0.97);
  }

  private static Set<String> ids(Path file, String... schemes) {
    Set<String> wanted = Set.of(schemes);
    return LandingFiles.rows(file).stream()
        .filter(row -> wanted.contains(row[4]))
        .map(row -> row[PERSON_ID])
        .collect(Collectors.toSet());
  }

  private static double retained(Set<String> before, Set<String> after) {
    Set<String> kept = new HashSet<>(before);
    kept.retainAll(after);
    return (double) kept.size() / before.size();
  }
}
