package dev.topgun.platform;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.topgun.shared.testing.LayerRules;

@AnalyzeClasses(
    packages = "dev.topgun.platform",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchRule domainIsPlainJava = LayerRules.domainIsPlainJava("platform");

  @ArchTest
  static final ArchRule apiDoesNotReachTheSdk = LayerRules.apiDoesNotReachTheSdk("platform");

  @ArchTest
  static final ArchRule storeDoesNotReachTheApi = LayerRules.storeDoesNotReachTheApi("platform");

  @ArchTest static final ArchRule apiKnowsNoItems = LayerRules.apiKnowsNoItems("platform");

  @ArchTest static final ArchRule domainKnowsNoItems = LayerRules.domainKnowsNoItems("platform");

  @ArchTest static final ArchRule domainKnowsNoHttp = LayerRules.domainKnowsNoHttp("platform");
}
