package dev.topgun.licensing;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.topgun.shared.testing.LayerRules;

@AnalyzeClasses(
    packages = "dev.topgun.licensing",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchRule domainIsPlainJava = LayerRules.domainIsPlainJava("licensing");

  @ArchTest
  static final ArchRule apiDoesNotReachTheSdk = LayerRules.apiDoesNotReachTheSdk("licensing");

  @ArchTest
  static final ArchRule storeDoesNotReachTheApi = LayerRules.storeDoesNotReachTheApi("licensing");
}
