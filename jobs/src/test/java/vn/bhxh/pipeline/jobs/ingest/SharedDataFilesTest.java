package vn.bhxh.pipeline.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which landing files are read again because a data file they share is dropped. */
class SharedDataFilesTest {
  private static TableFileWriter.Written holding(Integer... files) {
    return new TableFileWriter.Written(
        "period=2025-10/part-" + List.of(files) + ".parquet",
        "2025-10",
        100,
        0,
        10,
        "01",
        "01",
        List.of(files));
  }

  @Test
  void theOtherFilesOfADroppedDataFileAreReadAgainAndSoOnThroughTheirOwn() {
    List<TableFileWriter.Written> written =
        List.of(holding(0, 1), holding(2), holding(3, 4), holding(4, 5), holding(6));

    // 1 is rejected: 0 shares its data file. 3 is read again: 4 shares its file, and 5 shares
    // one with 4. 2 and 6 keep their files.
    assertThat(BatchLoader.sharingDataFiles(written, Set.of(3), Set.of(1)))
        .containsExactly(0, 4, 5);
  }

  @Test
  void nothingMoreWhenNoDataFileIsShared() {
    List<TableFileWriter.Written> written = List.of(holding(0), holding(1), holding(2));

    assertThat(BatchLoader.sharingDataFiles(written, Set.of(1), Set.of(2))).isEmpty();
    assertThat(BatchLoader.sharingDataFiles(written, Set.of(), Set.of())).isEmpty();
  }
}
