// discord.js's REST client sends its requests through undici 6. @slack/socket-mode loads undici 7, which installs
// itself as the process-wide dispatcher that undici 6 also reads; undici 6's multipart bodies (file uploads) then
// fail inside undici 7 ("action is not a function"). Giving the REST client an Agent from the undici that
// @discordjs/rest itself depends on keeps Discord's requests on their own, matching dispatcher, whatever else
// the process loads.
import { createRequire } from 'node:module';

type AgentCtor = new (opts?: object) => object;

export function discordRestAgent(): object {
  const fromDiscordJs = createRequire(createRequire(import.meta.url).resolve('discord.js'));
  const fromRest = createRequire(fromDiscordJs.resolve('@discordjs/rest'));
  const { Agent } = fromRest('undici') as { Agent: AgentCtor };
  return new Agent({ connect: { timeout: 30_000 } });
}
