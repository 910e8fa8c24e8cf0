package vn.bhxh.pipeline.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.landing.LandingFile;
import vn.bhxh.pipeline.common.quality.ReasonCode;
import vn.bhxh.pipeline.common.time.Period;

/** How files are cut into batches and which slices a batch's commit replaces (no Spark). */
class IngestBatchesTest {
  private static LandingFile file(String dataset, int month, String province, long bytes) {
    Period period = Period.of(2024, month);
    return new LandingFile(
        dataset + "/" + period + "/" + province + ".csv",
        "file:/l/" + dataset + "/" + period + "/" + province + ".csv",
        dataset,
        period,
        province,
        bytes,
        null);
  }

  private static List<List<String>> paths(List<List<LandingFile>> batches) {
    return batches.stream().map(b -> b.stream().map(LandingFile::path).toList()).toList();
  }

  @Test
  void cutsEachDatasetIntoBatchesOfAtMostTheByteBudget() {
    LandingFile misnamed =
        new LandingFile(
            "participation/x.txt",
            "file:/l/x",
            "participation",
            null,
            null,
            5,
            ReasonCode.BAD_FILE_NAME);
    List<LandingFile> files =
        List.of(
            file("participation", 1, "01", 40),
            file("participation", 1, "02", 50),
            file("participation", 2, "01", 30),
            file("participation", 2, "02", 200),
            misnamed,
            file("benefits", 1, "01", 10));

    assertThat(paths(IngestBatches.monthlyBatches(files, 100)))
        .containsExactly(
            List.of("participation/2024-01/01.csv", "participation/2024-01/02.csv"),
            List.of("participation/2024-02/01.csv"),
            // a file bigger than the budget is a batch of its own, never skipped
            List.of("participation/2024-02/02.csv"),
            List.of("participation/x.txt"),
            List.of("benefits/2024-01/01.csv"));
  }

  @Test
  void cutsADatasetIntoEvenBatchesRatherThanFullOnesAndATail() {
    // 7 × 30 bytes, budget 100: 3 batches either way; filling each up to the budget would give
    // 90 + 90 + 30, even shares give 60 + 90 + 60.
    List<LandingFile> files = new ArrayList<>();
    for (int province = 1; province <= 7; province++) {
      files.add(file("benefits", 1, String.format(Locale.ROOT, "%02d", province), 30));
    }

    List<List<LandingFile>> batches = IngestBatches.monthlyBatches(files, 100);

    assertThat(batches)
        .extracting(b -> b.stream().mapToLong(LandingFile::sizeBytes).sum())
        .containsExactly(60L, 90L, 60L);
    assertThat(paths(batches).stream().flatMap(List::stream).toList())
        .isEqualTo(paths(List.of(files)).get(0));
  }

  @Test
  void replacesExactlyTheSlicesLoaded() {
    Map<String, Set<String>> slices = new LinkedHashMap<>();
    slices.put("2024-01", new TreeSet<>(List.of("02", "01")));
    slices.put("2024-02", new TreeSet<>(List.of("01")));

    assertThat(IngestBatches.sliceCondition(slices))
        .isEqualTo(
            "((period = '2024-01' AND province_code IN ('01', '02'))"
                + " OR (period = '2024-02' AND province_code IN ('01')))");
  }
}
