package vn.bhxh.pipeline.jobs.maintain;

import java.util.Locale;

/**
 * What {@code maintain} did to one table: its live data files (the current snapshot's) and the data
 * files on storage (live ones and those only older versions still reference) before and after, what
 * OPTIMIZE rewrote, and the log's length and checkpoint.
 */
record TableUpkeep(
    String table,
    long liveFilesBefore,
    long liveFilesAfter,
    long filesCompacted,
    long filesWritten,
    long storedFilesBefore,
    long storedFilesAfter,
    long logFilesBefore,
    long logFilesAfter,
    long checkpointVersion) {

  /** The line {@code maintain} prints for the table. */
  String line() {
    return String.format(
        Locale.ROOT,
        "%s: %d → %d live files (optimize compacted %d into %d); %d → %d files on storage"
            + " (vacuum); %d → %d log commits, checkpoint at version %d",
        table,
        liveFilesBefore,
        liveFilesAfter,
        filesCompacted,
        filesWritten,
        storedFilesBefore,
        storedFilesAfter,
        logFilesBefore,
        logFilesAfter,
        checkpointVersion);
  }

  /** The table's entry in the {@code runs} row's details. */
  String detail() {
    return String.format(
        Locale.ROOT,
        "live %d→%d, stored %d→%d, log %d→%d, checkpoint %d",
        liveFilesBefore,
        liveFilesAfter,
        storedFilesBefore,
        storedFilesAfter,
        logFilesBefore,
        logFilesAfter,
        checkpointVersion);
  }
}
