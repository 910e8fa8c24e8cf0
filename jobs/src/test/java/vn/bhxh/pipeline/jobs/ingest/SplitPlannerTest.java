package vn.bhxh.pipeline.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.landing.LandingFile;
import vn.bhxh.pipeline.common.quality.ReasonCode;
import vn.bhxh.pipeline.common.time.Period;

class SplitPlannerTest {
  private static final long MB = 1L << 20;

  @Test
  void aLargeFileIsCutIntoEvenRangesThatTileIt() {
    // One 300 MB file on 2 cores, ranges of at most 128 MB: 3 would do, but a multiple of the
    // cores keeps both busy to the end: 4 ranges of 75 MB.
    List<List<IngestSplit>> tasks =
        new SplitPlanner(128 * MB, 4 * MB, 2).plan(List.of(file("79.csv", 300 * MB)));
    assertThat(tasks).hasSize(4).allMatch(task -> task.size() == 1);
    List<IngestSplit> ranges =
        tasks.stream()
            .map(t -> t.get(0))
            .sorted(java.util.Comparator.comparingInt(IngestSplit::part))
            .toList();
    assertThat(ranges)
        .extracting(IngestSplit::start)
        .containsExactly(0L, 75 * MB, 150 * MB, 225 * MB);
    assertThat(ranges)
        .extracting(IngestSplit::end)
        .containsExactly(75 * MB, 150 * MB, 225 * MB, 300 * MB);
    assertThat(ranges).allMatch(r -> r.parts() == 4 && r.file() == 0);
  }

  @Test
  void aFileAloneInItsBatchIsCutForEveryCore() {
    // 92 MB on 2 cores: no range bigger than the batch's share of one core (about 46 MB).
    List<List<IngestSplit>> tasks =
        new SplitPlanner(128 * MB, 4 * MB, 2).plan(List.of(file("79.csv", 92 * MB)));
    assertThat(tasks).hasSize(2);
  }

  @Test
  void gzippedAndMisnamedFilesAreReadWhole() {
    List<List<IngestSplit>> tasks =
        new SplitPlanner(128 * MB, 4 * MB, 2)
            .plan(
                List.of(
                    file("79.csv.gz", 500 * MB),
                    new LandingFile(
                        "participation/2025-10/xx.csv",
                        "file:/l/participation/2025-10/xx.csv",
                        "participation",
                        null,
                        null,
                        300 * MB,
                        ReasonCode.BAD_FILE_NAME)));
    assertThat(tasks.stream().flatMap(List::stream)).allMatch(IngestSplit::whole).hasSize(2);
  }

  @Test
  void smallFilesShareTasksLargestFirst() {
    // 40 files of 1 MB, each counted 5 MB with its opening cost, in ranges of at most 20 MB:
    // 4 files a task, 10 tasks.
    List<LandingFile> files =
        java.util.stream.IntStream.range(0, 40).mapToObj(i -> file(i + ".csv", MB)).toList();
    List<List<IngestSplit>> tasks = new SplitPlanner(20 * MB, 4 * MB, 2).plan(files);
    assertThat(tasks).hasSize(10).allMatch(task -> task.size() == 4);
    assertThat(tasks.stream().flatMap(List::stream).map(IngestSplit::file).distinct()).hasSize(40);
  }

  @Test
  void smallFilesOfAPeriodShareTasksSoThatATaskWritesFewDataFiles() {
    // 12 files of 1 MB over three months, listed month after month in turn (as a landing zone
    // lists provinces within months would not): 4 files a task, one month each.
    List<LandingFile> files =
        java.util.stream.IntStream.range(0, 12)
            .mapToObj(i -> file((i < 10 ? "0" : "") + i + ".csv", "2025-0" + (1 + i % 3), MB))
            .toList();
    List<List<IngestSplit>> tasks = new SplitPlanner(20 * MB, 4 * MB, 2).plan(files);
    assertThat(tasks).hasSize(3);
    for (List<IngestSplit> task : tasks) {
      assertThat(task.stream().map(split -> split.landing().period()).distinct()).hasSize(1);
    }
  }

  @Test
  void aWholeReadPlansOnlyTheFilesAskedFor() {
    List<LandingFile> files = List.of(file("01.csv", 300 * MB), file("79.csv", 300 * MB));
    List<List<IngestSplit>> tasks =
        new SplitPlanner(128 * MB, 4 * MB, 2).planWhole(files, Set.of(1));
    assertThat(tasks.stream().flatMap(List::stream))
        .singleElement()
        .satisfies(
            range -> {
              assertThat(range.file()).isEqualTo(1);
              assertThat(range.whole()).isTrue();
              assertThat(range.end()).isEqualTo(300 * MB);
            });
  }

  private static LandingFile file(String name, long size) {
    return file(name, "2025-10", size);
  }

  private static LandingFile file(String name, String period, long size) {
    return new LandingFile(
        "participation/" + period + "/" + name,
        "file:/l/participation/" + period + "/" + name,
        "participation",
        Period.parse(period),
        name.substring(0, 2),
        size,
        null);
  }
}
