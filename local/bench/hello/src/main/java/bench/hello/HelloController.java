package bench.hello;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;

@Controller("/hello")
public class HelloController {

  @Serdeable
  public record Greeting(String message) {}

  @Get
  public Greeting hello() {
    return new Greeting("hello");
  }
}
