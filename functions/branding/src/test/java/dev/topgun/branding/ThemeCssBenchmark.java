package dev.topgun.branding;

import dev.topgun.branding.theme.AssetUrls;
import dev.topgun.branding.theme.BuiltTheme;
import dev.topgun.branding.theme.ThemeCss;
import dev.topgun.branding.theme.ThemeInput;
import dev.topgun.shared.branding.BrandColors;
import dev.topgun.shared.branding.BrandDefaults;
import dev.topgun.shared.branding.BrandPalette;
import dev.topgun.shared.testing.Latencies;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Theme CSS, as a benchmark (run by {@code local/bench/theme-css}; not a test, nothing here asserts
 * a time): {@link ThemeCss#build} of a realistic brand — twelve colors, a self-hosted font and
 * about 20 KB of custom CSS (component rules, {@code @media} blocks, an own {@code @font-face}, own
 * asset URLs, a little the parser drops) — one build at a time after a warm-up, and of the default
 * brand without custom CSS. The budget: p99 at most 100 ms.
 */
public final class ThemeCssBenchmark {

  private static final String ASSETS = "/v1/branding/assets/org-bench/";

  public static void main(String[] args) {
    int samples = Integer.getInteger("bench.samples", 2000);
    int warmup = Integer.getInteger("bench.warmup", 500);
    int customBytes = Integer.getInteger("bench.customBytes", 20_000);
    Predicate<String> own = AssetUrls.under(List.of(ASSETS));
    String custom = customCss(customBytes);
    BrandColors colors =
        BrandColors.of(
            new BrandPalette("#0f766e", "#334155", "#f59e0b", "#ffffff", "#f1f5f9", "#111827"),
            new BrandPalette("#2dd4bf", "#94a3b8", "#fbbf24", "#020617", "#0f172a", "#f1f5f9"));
    ThemeInput realistic = new ThemeInput(colors, "Inter", custom, own);
    ThemeInput plain = new ThemeInput(BrandDefaults.colors(), BrandDefaults.FONT_FAMILY, null, own);

    BuiltTheme once = ThemeCss.build(realistic);
    int inBytes = custom.getBytes(StandardCharsets.UTF_8).length;
    int outBytes = once.css().getBytes(StandardCharsets.UTF_8).length;

    Latencies.Result withCustom =
        Latencies.measure(
            String.format(
                Locale.ROOT,
                "ThemeCss.build, %,d B custom CSS -> %,d B stylesheet",
                inBytes,
                outBytes),
            samples,
            warmup,
            () -> ThemeCss.build(realistic).hash().length());
    Latencies.Result withoutCustom =
        Latencies.measure(
            "ThemeCss.build, default brand, no custom CSS",
            samples,
            warmup,
            () -> ThemeCss.build(plain).hash().length());

    System.out.println();
    Latencies.printHeader();
    withCustom.print();
    withoutCustom.print();
    System.out.printf(
        Locale.ROOT,
        "%ncustom CSS: %d removed item(s); p99 budget 100 ms: %s%n",
        once.removed().size(),
        withCustom.percentile(0.99) <= 100 ? "met" : "MISSED");
    System.out.printf(
        Locale.ROOT,
        "Java %s, %d processors%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
  }

  /** About {@code bytes} of the CSS a brand's designer writes, varied so nothing repeats. */
  static String customCss(int bytes) {
    StringBuilder css = new StringBuilder(bytes + 2048);
    css.append(
        """
        @charset "utf-8";
        @font-face {
          font-family: "Bench Display";
          src: url(%sbench-display.woff2) format("woff2"), url(%sbench-display.woff) format("woff");
          font-display: swap;
        }
        :root { --bench-radius: 6px; --bench-gap: 12px; }
        """
            .formatted(ASSETS, ASSETS));
    for (int i = 0; css.length() < bytes; i++) {
      css.append(
          """
          .c%1$d-card > .c%1$d-title + p, .c%1$d-card a[href^="/servers"]:hover {
            margin: 0 0 calc(var(--bench-gap) * %2$d) 0;
            padding: .5rem 1rem;
            border: 1px solid var(--brand-secondary);
            border-radius: var(--bench-radius);
            background: var(--brand-surface) url(%3$sicon-%1$d.svg) no-repeat right 8px center / 16px;
            color: var(--brand-text);
            font: 600 0.875rem/1.4 "Bench Display", var(--brand-font-family);
            transition: background-color .15s ease-in-out, box-shadow .15s;
          }
          .c%1$d-btn:not(:disabled):hover { background-color: var(--brand-primary-hover); color: var(--brand-on-primary); }
          .c%1$d-badge::before { content: "\\2022  "; box-shadow: 0 1px 2px rgba(0, 0, 0, .05); }
          """
              .formatted(i, i % 4 + 1, ASSETS));
      if (i % 5 == 4) {
        css.append(
            """
            @media (max-width: %dpx) {
              .c%d-card { padding: 0 .75rem; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); }
              .c%d-sidebar { display: none }
            }
            .c%d-empty {}
            """
                .formatted(480 + i * 8, i, i, i));
      }
    }
    return css.toString();
  }
}
