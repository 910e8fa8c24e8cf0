package vn.bhxh.pipeline.common.validation;

import java.io.Serializable;
import java.util.List;

/**
 * One validation rule of {@code conf/validation-rules.conf}: {@code left op right × factor} over
 * catalogue indicators, checked at the given geo levels and boundaries. Built and checked by {@link
 * ValidationRules}.
 *
 * @param code the rule's code ({@code validation_results.rule})
 * @param left the indicator checked
 * @param op the comparison that must hold
 * @param right the indicator compared with
 * @param factor multiplies the right-hand side
 * @param levels geo levels checked
 * @param boundaries boundaries checked
 * @param severity {@code error} or {@code warning}
 * @param message the message template (placeholders in braces, see the rules file)
 */
public record ValidationRule(
    String code,
    String left,
    Operator op,
    String right,
    double factor,
    List<String> levels,
    List<String> boundaries,
    String severity,
    String message)
    implements Serializable {

  public ValidationRule {
    levels = List.copyOf(levels);
    boundaries = List.copyOf(boundaries);
  }

  /** The comparison of a rule; the rule holds when {@code left op bound}. */
  public enum Operator {
    AT_MOST("<="),
    BELOW("<"),
    AT_LEAST(">="),
    ABOVE(">");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    /** As written in the rules file. */
    public String symbol() {
      return symbol;
    }

    /** True for {@code <=} and {@code <}: the bound is an upper bound. */
    public boolean isUpperBound() {
      return this == AT_MOST || this == BELOW;
    }

    /** The operator written as {@code symbol}, or null. */
    static Operator of(String symbol) {
      for (Operator operator : values()) {
        if (operator.symbol.equals(symbol)) {
          return operator;
        }
      }
      return null;
    }
  }
}
