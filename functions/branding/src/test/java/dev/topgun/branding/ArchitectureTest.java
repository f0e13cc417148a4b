package dev.topgun.branding;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.topgun.shared.testing.LayerRules;

@AnalyzeClasses(
    packages = "dev.topgun.branding",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchRule domainIsPlainJava = LayerRules.domainIsPlainJava("branding");

  @ArchTest
  static final ArchRule apiDoesNotReachTheSdk = LayerRules.apiDoesNotReachTheSdk("branding");

  @ArchTest
  static final ArchRule storeDoesNotReachTheApi = LayerRules.storeDoesNotReachTheApi("branding");

  @ArchTest static final ArchRule apiKnowsNoItems = LayerRules.apiKnowsNoItems("branding");

  @ArchTest static final ArchRule domainKnowsNoItems = LayerRules.domainKnowsNoItems("branding");

  @ArchTest static final ArchRule domainKnowsNoHttp = LayerRules.domainKnowsNoHttp("branding");
}
