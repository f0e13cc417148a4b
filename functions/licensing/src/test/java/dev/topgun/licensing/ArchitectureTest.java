package dev.topgun.licensing;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.topgun.shared.testing.LayerRules;

@AnalyzeClasses(
    packages = "dev.topgun.licensing",
    importOptions = ImportOption.DoNotIncludeTests.class)
/**
 * Licensing keeps only the first layer rules until it is reshaped as organizations is (issue 10,
 * part 7): its controllers still hold rules and reach items. When it is, turn on the rules every
 * reshaped module applies, as organizations' {@code ArchitectureTest} does: {@code
 * LayerRules.apiKnowsNoItems}, {@code domainKnowsNoItems}, {@code domainKnowsNoHttp}.
 */
class ArchitectureTest {

  @ArchTest static final ArchRule domainIsPlainJava = LayerRules.domainIsPlainJava("licensing");

  @ArchTest
  static final ArchRule apiDoesNotReachTheSdk = LayerRules.apiDoesNotReachTheSdk("licensing");

  @ArchTest
  static final ArchRule storeDoesNotReachTheApi = LayerRules.storeDoesNotReachTheApi("licensing");
}
