package vn.bhxh.pipeline.common.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.error.InputException;
import vn.bhxh.pipeline.common.nightly.ChangeDetector.Changes;
import vn.bhxh.pipeline.common.nightly.FileChange.Evidence;
import vn.bhxh.pipeline.common.nightly.FileChange.Kind;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;

class ChangeDetectorTest {
  private static final ChangeDetector.Verification CHECKSUM = ChangeDetector.Verification.CHECKSUM;
  private static final ChangeDetector.Verification MODIFICATION_TIME =
      ChangeDetector.Verification.MODIFICATION_TIME;
  private static final Instant MODIFIED = Instant.parse("2026-11-19T09:15:00Z");
  private static final String LOADED = IngestLogColumns.STATUS_LOADED;
  private static final String REJECTED = IngestLogColumns.STATUS_REJECTED;
  private static final Instant NIGHT_1 = Instant.parse("2026-11-20T18:30:00Z");
  private static final Instant NIGHT_2 = Instant.parse("2026-11-21T18:30:00Z");

  private static final String JULY = "contributions/2024-07/01.csv";
  private static final String AUGUST = "contributions/2024-08/01.csv";
  private static final String SEPTEMBER = "contributions/2024-09/01.csv.gz";
  private static final String MISNAMED = "participation/2024-07/1.csv";

  private final List<String> checksummed = new ArrayList<>();

  /** Checksums of the files as they are now; records which files were read. */
  private String sha256(String path) {
    checksummed.add(path);
    return switch (path) {
      case JULY -> "aa11";
      case AUGUST -> "BB22"; // hex case must not matter
      default -> throw new AssertionError("checksum of " + path + " should not be needed");
    };
  }

  @Test
  void classifiesEveryFileAndReadsOnlyTheSameSizeOnes() {
    List<ListedFile> listed =
        List.of(
            new ListedFile(SEPTEMBER, 300),
            new ListedFile(JULY, 100),
            new ListedFile(AUGUST, 200),
            new ListedFile("benefits/2024-07/01.csv", 50));
    Map<String, IngestedFile> logged =
        Map.of(
            JULY,
            new IngestedFile(JULY, 100, "aa11", LOADED, NIGHT_1),
            AUGUST,
            new IngestedFile(AUGUST, 200, "cc33", LOADED, NIGHT_1),
            SEPTEMBER,
            new IngestedFile(SEPTEMBER, 299, "dd44", LOADED, NIGHT_1),
            "participation/2023-01/01.csv",
            new IngestedFile("participation/2023-01/01.csv", 10, "ee55", LOADED, NIGHT_1));

    Changes changes = ChangeDetector.detect(listed, logged, this::sha256, CHECKSUM);

    assertThat(changes.files())
        .containsExactly(
            new FileChange("benefits/2024-07/01.csv", Kind.NEW, Evidence.NO_LOG_ROW),
            new FileChange(JULY, Kind.UNCHANGED, Evidence.SAME_CHECKSUM),
            new FileChange(AUGUST, Kind.CHANGED, Evidence.CHECKSUM),
            new FileChange(SEPTEMBER, Kind.CHANGED, Evidence.SIZE));
    assertThat(checksummed).containsExactlyInAnyOrder(JULY, AUGUST);
    assertThat(changes.missing()).containsExactly("participation/2023-01/01.csv");
    assertThat(changes.toIngest())
        .extracting(FileChange::path)
        .containsExactly("benefits/2024-07/01.csv", AUGUST, SEPTEMBER);
    assertThat(changes.nothingToIngest()).isFalse();
    assertThat(changes.summary()).isEqualTo("1 new, 2 changed, 1 unchanged, 1 missing");
  }

  @Test
  void aChangedSizeNeverComputesTheChecksum() {
    FileChange change =
        ChangeDetector.compare(
            new ListedFile(JULY, 101),
            new IngestedFile(JULY, 100, "aa11", LOADED, NIGHT_1),
            path -> {
              throw new AssertionError("read " + path);
            },
            CHECKSUM);

    assertThat(change).isEqualTo(new FileChange(JULY, Kind.CHANGED, Evidence.SIZE));
  }

  @Test
  void aQuietNightIngestsNothing() {
    Changes changes =
        ChangeDetector.detect(
            List.of(new ListedFile(JULY, 100)),
            Map.of(JULY, new IngestedFile(JULY, 100, "AA11", LOADED, NIGHT_1)),
            this::sha256,
            CHECKSUM);

    assertThat(changes.nothingToIngest()).isTrue();
    assertThat(changes.toIngest()).isEmpty();
    assertThat(changes.summary()).isEqualTo("0 new, 0 changed, 1 unchanged, 0 missing");
  }

  @Test
  void anUnchangedRejectedFileIsNotRetriedEveryNight() {
    // Rejected with a checksum (bad content) and rejected before reading (bad name): the same
    // bytes would be rejected again, and a quiet night must not append to ingest_log.
    Changes changes =
        ChangeDetector.detect(
            List.of(new ListedFile(JULY, 100), new ListedFile(MISNAMED, 40)),
            Map.of(
                JULY, new IngestedFile(JULY, 100, "aa11", REJECTED, NIGHT_1),
                MISNAMED, new IngestedFile(MISNAMED, 40, null, REJECTED, NIGHT_1)),
            this::sha256,
            CHECKSUM);

    assertThat(changes.files())
        .containsExactly(
            new FileChange(JULY, Kind.UNCHANGED, Evidence.SAME_CHECKSUM),
            new FileChange(MISNAMED, Kind.UNCHANGED, Evidence.SAME_SIZE_REJECTED));
    assertThat(checksummed).containsExactly(JULY);
  }

  @Test
  void aCorrectedRejectedFileIsLoaded() {
    Changes changes =
        ChangeDetector.detect(
            List.of(new ListedFile(AUGUST, 200), new ListedFile(MISNAMED, 41)),
            Map.of(
                AUGUST, new IngestedFile(AUGUST, 200, "0000", REJECTED, NIGHT_1),
                MISNAMED, new IngestedFile(MISNAMED, 40, null, REJECTED, NIGHT_1)),
            this::sha256,
            CHECKSUM);

    assertThat(changes.toIngest())
        .containsExactly(
            new FileChange(AUGUST, Kind.CHANGED, Evidence.CHECKSUM),
            new FileChange(MISNAMED, Kind.CHANGED, Evidence.SIZE));
  }

  @Test
  void aLoadedRowWithoutChecksumProvesNothingSoTheFileIsLoadedAgain() {
    FileChange change =
        ChangeDetector.compare(
            new ListedFile(JULY, 100),
            new IngestedFile(JULY, 100, null, LOADED, NIGHT_1),
            this::sha256,
            CHECKSUM);

    assertThat(change).isEqualTo(new FileChange(JULY, Kind.CHANGED, Evidence.NO_CHECKSUM));
    assertThat(checksummed).isEmpty();
  }

  @Test
  void theLatestLogRowOfAPathDecides() {
    // Night 1 loaded 100 bytes; night 2 loaded the corrected 120-byte file.
    List<IngestedFile> log =
        List.of(
            new IngestedFile(JULY, 120, "aa11", LOADED, NIGHT_2),
            new IngestedFile(JULY, 100, "ffff", LOADED, NIGHT_1),
            new IngestedFile(AUGUST, 200, "bb22", LOADED, NIGHT_1));

    Map<String, IngestedFile> latest = IngestedFile.latestByPath(log);

    assertThat(latest).containsOnlyKeys(JULY, AUGUST);
    assertThat(latest.get(JULY).ingestedAt()).isEqualTo(NIGHT_2);
    assertThat(IngestedFile.latestByPath(List.of(log.get(1), log.get(0), log.get(2))))
        .isEqualTo(latest);
    Changes changes =
        ChangeDetector.detect(List.of(new ListedFile(JULY, 120)), latest, this::sha256, CHECKSUM);
    assertThat(changes.files())
        .containsExactly(new FileChange(JULY, Kind.UNCHANGED, Evidence.SAME_CHECKSUM));
  }

  @Test
  void anUnreadableFileFailsWithItsPath() {
    assertThatThrownBy(
            () ->
                ChangeDetector.detect(
                    List.of(new ListedFile(JULY, 100)),
                    Map.of(JULY, new IngestedFile(JULY, 100, "aa11", LOADED, NIGHT_1)),
                    path -> {
                      throw new IOException("Input/output error");
                    },
                    CHECKSUM))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(JULY)
        .hasMessageContaining("Input/output error");
  }

  @Test
  void aPathListedTwiceIsAProgrammingError() {
    assertThatThrownBy(
            () ->
                ChangeDetector.detect(
                    List.of(new ListedFile(JULY, 100), new ListedFile(JULY, 100)),
                    Map.of(),
                    this::sha256,
                    CHECKSUM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(JULY);
  }

  @Test
  void anEmptyLandingZoneOnlyReportsWhatWentMissing() {
    Changes changes =
        ChangeDetector.detect(
            List.of(),
            Map.of(JULY, new IngestedFile(JULY, 100, "aa11", LOADED, NIGHT_1)),
            this::sha256,
            CHECKSUM);

    assertThat(changes.files()).isEmpty();
    assertThat(changes.missing()).containsExactly(JULY);
    assertThat(changes.nothingToIngest()).isTrue();
  }

  @Test
  void aQuietNightTrustingModificationTimesReadsNoFile() {
    Changes changes =
        ChangeDetector.detect(
            List.of(new ListedFile(JULY, 100, MODIFIED), new ListedFile(MISNAMED, 40, MODIFIED)),
            Map.of(
                JULY, new IngestedFile(JULY, 100, "aa11", LOADED, NIGHT_1, MODIFIED),
                MISNAMED, new IngestedFile(MISNAMED, 40, null, REJECTED, NIGHT_1, MODIFIED)),
            path -> {
              throw new AssertionError("read " + path);
            },
            MODIFICATION_TIME);

    assertThat(changes.files())
        .containsExactly(
            new FileChange(JULY, Kind.UNCHANGED, Evidence.SAME_MODIFICATION_TIME),
            new FileChange(MISNAMED, Kind.UNCHANGED, Evidence.SAME_MODIFICATION_TIME));
  }

  @Test
  void aNewModificationTimeOrAnUnknownOneFallsBackToTheChecksum() {
    Changes changes =
        ChangeDetector.detect(
            List.of(
                new ListedFile(JULY, 100, MODIFIED.plusSeconds(60)), // touched, same bytes
                new ListedFile(AUGUST, 200, MODIFIED)), // re-delivered at the same size
            Map.of(
                JULY, new IngestedFile(JULY, 100, "aa11", LOADED, NIGHT_1, MODIFIED),
                AUGUST, new IngestedFile(AUGUST, 200, "cc33", LOADED, NIGHT_1)), // no time logged
            this::sha256,
            MODIFICATION_TIME);

    assertThat(changes.files())
        .containsExactly(
            new FileChange(JULY, Kind.UNCHANGED, Evidence.SAME_CHECKSUM),
            new FileChange(AUGUST, Kind.CHANGED, Evidence.CHECKSUM));
    assertThat(checksummed).containsExactly(JULY, AUGUST);
  }

  @Test
  void checksumVerificationIgnoresModificationTimes() {
    Changes changes =
        ChangeDetector.detect(
            List.of(new ListedFile(AUGUST, 200, MODIFIED)),
            Map.of(AUGUST, new IngestedFile(AUGUST, 200, "cc33", LOADED, NIGHT_1, MODIFIED)),
            this::sha256,
            CHECKSUM);

    // Same size and time, other bytes: only the checksum sees it.
    assertThat(changes.files())
        .containsExactly(new FileChange(AUGUST, Kind.CHANGED, Evidence.CHECKSUM));
  }
}
