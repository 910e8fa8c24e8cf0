package vn.bhxh.pipeline.common.quality;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a landing CSV file by the contract's rules (CONTRACT §1): strict UTF-8 (a BOM is
 * tolerated), comma separator, RFC 4180 quoting, LF or CRLF, a header row matched to the known
 * columns case-insensitively and in any order, extra columns ignored and reported, empty fields
 * null, text normalised to NFC. Parsing is univocity-parsers (shipped with Spark); the decoder is
 * strict so that a Latin-1 or Windows-1258 file is rejected instead of loading mojibake.
 *
 * <p>Error messages never quote file content: a malformed field may hold a raw person ID.
 */
public final class LandingCsv implements Closeable {
  private static final char BOM = '\uFEFF';
  private static final Pattern LONG_DIGIT_RUN = Pattern.compile("\\d{9,}");
  // univocity's default read-ahead buffer is a million characters (2 MB per file opened, which
  // thousands of small files paid for each); 128K keeps reads large and the allocation small.
  private static final int BUFFER_CHARS = 128 * 1024;
  private static final int MIN_BUFFER_CHARS = 4 * 1024;

  private final CsvParser parser;
  private final Header header;
  private long lastLine;

  /**
   * What a file's header row says, which every part of the file is read by.
   *
   * @param size the number of fields of the header (a row with another count is ragged)
   * @param positions for each of the dataset's landing columns, its field index in the file, or -1
   * @param extraColumns header columns the dataset does not know, lower-cased, in file order
   * @param presentColumns the known columns the header has, in the dataset's column order
   */
  public record Header(
      int size, int[] positions, List<String> extraColumns, List<String> presentColumns) {
    public Header {
      positions = positions.clone();
      extraColumns = List.copyOf(extraColumns);
      presentColumns = List.copyOf(presentColumns);
    }
  }

  private LandingCsv(CsvParser parser, Header header, long headerLine) {
    this.parser = parser;
    this.header = header;
    this.lastLine = headerLine;
  }

  /**
   * Opens a (decompressed) landing file and reads its header.
   *
   * @param columns the dataset's landing columns, in the order records will carry them
   * @param required the columns the header must have
   * @param expectedChars about how many characters the file holds (its size in bytes will do;
   *     {@code Long.MAX_VALUE} when unknown): the parser's read-ahead buffer is no larger, which
   *     spares the thousands of small files of a backfill a 256 KB allocation each
   * @throws FileRejection when the file is empty, not UTF-8, unreadable, names a column twice or
   *     lacks required columns
   */
  public static LandingCsv open(
      InputStream input, List<String> columns, List<String> required, long expectedChars)
      throws FileRejection {
    int bufferChars = (int) Math.max(MIN_BUFFER_CHARS, Math.min(BUFFER_CHARS, expectedChars));
    CsvParser parser = new CsvParser(settings(bufferChars));
    String[] header;
    try {
      parser.beginParsing(strictUtf8(input));
      header = parser.parseNext();
    } catch (RuntimeException e) {
      stopQuietly(parser);
      throw rejection(e, 1);
    }
    if (header == null || (header.length == 1 && header[0] == null)) {
      stopQuietly(parser);
      throw new FileRejection(ReasonCode.EMPTY_FILE, "no header row");
    }
    long headerLine = parser.getContext().currentLine();
    Map<String, Integer> byName = new HashMap<>();
    List<String> extra = new ArrayList<>();
    for (int i = 0; i < header.length; i++) {
      String name = headerName(header[i], i == 0);
      if (byName.put(name, i) != null) {
        stopQuietly(parser);
        throw new FileRejection(
            ReasonCode.DUPLICATE_COLUMN, "column '" + safeName(name) + "' appears twice");
      }
      if (!columns.contains(name)) {
        extra.add(safeName(name));
      }
    }
    List<String> missing = required.stream().filter(c -> !byName.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      stopQuietly(parser);
      throw new FileRejection(
          ReasonCode.MISSING_REQUIRED_COLUMNS, "missing column(s) " + String.join(", ", missing));
    }
    int[] positions = new int[columns.size()];
    List<String> present = new ArrayList<>();
    for (int j = 0; j < columns.size(); j++) {
      positions[j] = byName.getOrDefault(columns.get(j), -1);
      if (positions[j] >= 0) {
        present.add(columns.get(j));
      }
    }
    return new LandingCsv(parser, new Header(header.length, positions, extra, present), headerLine);
  }

  /**
   * Opens a part of a landing file that starts at a line boundary after the header (a byte range of
   * a large file, see {@code ChunkInputStream}), to be read with the file's header. Line numbers
   * count from the part's start: its first line is line 1.
   *
   * @throws FileRejection when the part's first bytes are not UTF-8 or cannot be read
   */
  public static LandingCsv openPart(InputStream part, Header header) throws FileRejection {
    CsvParser parser = new CsvParser(settings(BUFFER_CHARS));
    try {
      parser.beginParsing(strictUtf8(part));
    } catch (RuntimeException e) {
      stopQuietly(parser);
      throw rejection(e, 1);
    }
    return new LandingCsv(parser, header, 0);
  }

  /** What the file's header says. */
  public Header header() {
    return header;
  }

  /** Header columns the dataset does not know, lower-cased, in file order. */
  public List<String> extraColumns() {
    return header.extraColumns();
  }

  /** The known columns the header has, in the dataset's column order. */
  public List<String> presentColumns() {
    return header.presentColumns();
  }

  /**
   * The next data row, or null at the end of the file. Blank lines are skipped.
   *
   * @throws FileRejection when the rest of the file is not UTF-8 or cannot be parsed
   */
  public LandingRecord next() throws FileRejection {
    while (true) {
      String[] row;
      long startLine = lastLine + 1;
      try {
        row = parser.parseNext();
      } catch (RuntimeException e) { // univocity wraps read and decoding errors unchecked
        throw rejection(e, startLine);
      }
      if (row == null) {
        return null;
      }
      lastLine = parser.getContext().currentLine();
      if (row.length == 0 || (row.length == 1 && row[0] == null)) {
        continue; // a blank line is no row
      }
      int[] positions = header.positions();
      String[] values = new String[positions.length];
      for (int j = 0; j < positions.length; j++) {
        int position = positions[j];
        values[j] = position >= 0 && position < row.length ? clean(row[position]) : null;
      }
      return new LandingRecord(startLine, values, row.length != header.size());
    }
  }

  @Override
  public void close() {
    stopQuietly(parser);
  }

  private static Reader strictUtf8(InputStream input) {
    return new InputStreamReader(
        input,
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  /** Stopping re-throws the error that ended parsing, which the caller already handled. */
  private static void stopQuietly(CsvParser parser) {
    try {
      parser.stopParsing();
    } catch (RuntimeException e) {
      // already reported as a FileRejection (or the file was read to its end)
    }
  }

  /** Trims, normalises to NFC, and maps empty to null. */
  static String clean(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.strip();
    if (trimmed.isEmpty()) {
      return null;
    }
    return isAscii(trimmed) || Normalizer.isNormalized(trimmed, Normalizer.Form.NFC)
        ? trimmed
        : Normalizer.normalize(trimmed, Normalizer.Form.NFC);
  }

  /**
   * ASCII text is always NFC: checking that first spares the normaliser's table look-ups for almost
   * every field (codes, IDs, amounts), where they were a visible share of the ingest's time.
   */
  private static boolean isAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static String headerName(String raw, boolean first) {
    String name = raw == null ? "" : raw;
    if (first && !name.isEmpty() && name.charAt(0) == BOM) {
      name = name.substring(1);
    }
    String cleaned = clean(name);
    return cleaned == null ? "" : cleaned.toLowerCase(Locale.ROOT);
  }

  /**
   * A header name fit for logs and {@code ingest_log}. A file delivered without its header row has
   * a data row there, so a "column name" may be a raw person ID: long digit runs are withheld.
   */
  private static String safeName(String name) {
    if (name.isEmpty()) {
      return "(blank)";
    }
    return LONG_DIGIT_RUN.matcher(name).find() ? "(withheld: digits)" : name;
  }

  private static FileRejection rejection(RuntimeException e, long line) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof CharacterCodingException) {
        return new FileRejection(ReasonCode.NOT_UTF8, "invalid UTF-8 near line " + line);
      }
      if (cause instanceof IOException io) {
        // I/O and decompression messages (truncated gzip…) describe the stream, not its content.
        return new FileRejection(
            ReasonCode.UNREADABLE,
            "read error near line "
                + line
                + ": "
                + io.getClass().getSimpleName()
                + ": "
                + io.getMessage());
      }
    }
    if (!(e instanceof TextParsingException)) {
      throw e;
    }
    // univocity's own message quotes the content being parsed: never pass it on.
    String kind = e.getCause() == null ? "parser error" : e.getCause().getClass().getSimpleName();
    return new FileRejection(
        ReasonCode.UNREADABLE, "CSV syntax error near line " + line + " (" + kind + ")");
  }

  private static CsvParserSettings settings(int bufferChars) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setHeaderExtractionEnabled(false);
    settings.setLineSeparatorDetectionEnabled(true);
    settings.setSkipEmptyLines(false);
    settings.setNullValue(null);
    settings.setEmptyValue(null);
    settings.setMaxCharsPerColumn(65_536);
    settings.setMaxColumns(1_024);
    settings.setInputBufferSize(bufferChars);
    settings.setErrorContentLength(0);
    // A value may start with '#': the contract has no comment lines.
    settings.getFormat().setComment('\0');
    // Spark already runs one task per core; a reader thread per file only adds threads.
    settings.setReadInputOnSeparateThread(false);
    settings.getFormat().setDelimiter(',');
    settings.getFormat().setQuote('"');
    settings.getFormat().setQuoteEscape('"');
    return settings;
  }
}
