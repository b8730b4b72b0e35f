// Frames the compositional layer (compose.ts) reads besides "concept near cue": the means at hand, swallowing a
// quantity, harm to the body, worthlessness, finality and farewells, fear of oneself, and the same in Spanish.
// Each frame is two word classes that must meet within a few words; the classes are built to be extended, not
// phrases copied from examples.
import type { Family } from './lexicon.js';

const alt = (words: string[]) => `(?:${words.join('|')})`;
const near = (a: string, b: string, gap = 6) => `\\b${a}\\b(?: [a-z0-9~]+){0,${gap}} \\b${b}\\b|\\b${b}\\b(?: [a-z0-9~]+){0,${gap}} \\b${a}\\b`;

/** Things people use to end their lives. */
const MEANS = alt([
  'gun', 'guns', 'pistol', 'rifle', 'shotgun', 'revolver', 'knife', 'knives', 'razor', 'razors', 'blade', 'blades', 'rope', 'noose', 'belt', 'cord', 'hose',
  'pills', 'meds', 'pill bottle', 'klonopin', 'trazodone', 'ambien', 'xanax', 'benzos', 'adderall', 'ativan', 'valium', 'zoloft', 'benadryl', 'percocet', 'methadone', 'bottle of (?:pills|meds|vodka|whiskey|tylenol|xanax)', 'platform', 'train', 'lithium', 'seroquel', 'oxy', 'insulin', 'fentanyl', 'sleeping pills', 'tylenol', 'bridge', 'roof', 'ledge',
  'train tracks', 'tracks', 'overpass', 'traffic', 'tree', 'pole', 'parking deck', 'parking garage', 'cliff', 'river', 'lake', 'water', 'garage',
]);
/** Having them ready, at hand, or moving toward them. */
const READY = alt([
  'loaded', 'holding', 'in front of me', 'in my hand', 'in my hands', 'in my trunk', 'in my car', 'in my pocket', 'on my lap', 'on the nightstand',
  'next to me', 'can not put it down', 'cant put it down', 'saved', 'saving', 'stockpiled', 'hid', 'hiding', 'bought', 'picture of', 'walking in', 'walk in',
  'drive into', 'driving into', 'drive off', 'from the', 'on the edge', 'at the edge', 'edge of', 'counting them', 'wont come down', 'will not come down', 'locked (?:myself|himself|herself) in', 'whole',
  'a month of', 'weeks of', 'all of my', 'all my', 'make sure', 'how many feet', 'how high', 'height', 'everything i need', 'nobody home', 'no one home',
  'quiet place', 'lined up', 'counted out', 'car running', 'engine running', 'walk into', 'walking into',
]);
/** Swallowing or using a quantity. */
/** What is swallowed or used: a frame about taking a quantity needs one ("took all the practice tests" does not). */
const SUBSTANCE = alt([
  'pills?', 'meds', 'medicine', 'methadone', 'prescription', 'suboxone', 'medication', 'cabinet', 'bottle', 'seroquel', 'lithium', 'xanax', 'oxy', 'tylenol', 'insulin', 'vodka', 'whiskey', 'alcohol',
  'dope', 'heroin', 'fentanyl', 'fent', 'stuff', 'shot up', 'used', 'popped', 'snorted', 'frasco', 'pastillas', 'medicinas', 'antidepressants', 'benzos',
]);
const INGEST = alt(['had', 'took', 'taken', 'swallowed', 'drank', 'downed', 'shot up', 'used', 'popped', 'ate', 'mixed', 'tome', 'me tome', 'se tomo', 'trague']);
const AMOUNT = alt([
  'extra', 'emptied', 'into my hand',
  'like \\d+', '\\d+ of', '\\d+ pills', 'half a bottle', 'a bottle', 'the bottle', 'whole', 'all (?:of )?(?:my|the|his|her)', 'way more', 'more than usual', 'too much',
  'too many', 'everything', 'a lot of', 'a bunch', 'a handful', 'todo el frasco', 'el frasco', 'todas', 'muchas', 'sleeping pills', 'with (?:my|his|her) (?:pills|meds)',
]);
/** The body, and what people do to it. */
const BODY = alt(['body', 'forearm', 'forearms', 'hip', 'hips', 'ribs', 'belly', 'shoulder', 'ankle', 'ankles', 'arm', 'arms', 'leg', 'legs', 'thigh', 'thighs', 'wrist', 'wrists', 'skin', 'stomach', 'knuckles', 'hands?', 'head', 'chest', 'brazos?', 'piernas?', 'munecas?']);
const HARMED = alt([
  'carved', 'carving', 'carve', 'pressed', 'lighter', 'burned', 'burnt', 'burning', 'cuts', 'cut up', 'scars', 'bruises', 'bleeding', 'punched', 'punching', 'broke',
  'what i did to', 'what he did to', 'what she did to', 'hiding', 'long sleeves', 'scars i made', 'bled', 'dug', 'nails into', 'slamming', 'slammed', 'to feel something', 'made a new one', 'cortando', 'cortar', 'cortes',
]);

export interface Frame {
  family: Family;
  re: RegExp;
}
const F = (family: Family, src: string): Frame => ({ family, re: new RegExp(src) });

export const FRAMES: Frame[] = [
  F('plan', near(MEANS, READY, 6)),
  F('overdose', `^(?=.*\\b${SUBSTANCE}\\b)(?:.*(?:${near(INGEST, AMOUNT, 5)}))`),
  // Method questions: heights, what is most dangerous, what works faster.
  F('method', `\\b(?:what|which|how much|how) (?:height|high|far)\\b[^~]{0,40}\\b(?:fall|jump|survive|make sure|die)\\b|\\bmost (?:dangerous|deadly|lethal|toxic|painless)\\b[^~]{0,40}\\b(?:take|takes|taking|a lot|overdose|swallow)\\b|\\b(?:cutting|cut|hanging|jumping|overdosing|bleeding) (?:\\w+ )?(?:vertically|lengthwise|deep enough|deeper|faster|quicker)\\b`),
  // Ending spoken of in other words: a bullet, "take myself out", the illness winning, joining the dead, the heart stopping.
  F('direct', `\\b(?:take|taking|took) (?:myself|himself|herself) out\\b(?! (?:to|for|of|on)\\b)|\\bbullet (?:in|through) (?:my|his|her) (?:head|brain|mouth|heart)\\b|\\bhopes? (?:the|my|this) (?:cancer|disease|illness|tumor|virus|infection) (?:wins|takes me|kills me)\\b|\\b(?:use|using|drink|drinking) (?:until|till) (?:my|his|her) heart stops\\b|\\b(?:be with|see|join|meet) (?:my )?(?:dad|mom|mother|father|grandma|grandpa|nana|brother|sister|son|daughter|wife|husband|baby) (?:soon|again soon|in heaven|tonight|on the other side)\\b|\\bact on (?:these|the|my|those) (?:thoughts|urges|feelings)\\b|\\b(?:close|closer) to ending (?:it|things|my life)\\b`),
  F('hopeless', `\\b(?:no future for me|no coming back from this|nothing left for me|it should (?:just )?(?:stop|end) with me|i ruin (?:everyone|everything)|everything i touch)(?= \\.|$| and\\b| i\\b)|\\b(?:do not|dont) care (?:what happens|if i wake up|if i make it)\\b|\\bbother (?:staying alive|living|being alive|waking up|going on)\\b|\\b(?:want|wants) out\\b[^~]{0,30}\\bout of (?:life|this life|this world)\\b|\\b(?:picturing|imagining|planning) (?:my|his|her) (?:own )?funeral\\b|\\b(?:hurt|hurting|harm|harming|punish\\w*) (?:my|his|her) body\\b|\\bgo quiet forever\\b|\\b(?:do not|dont) want to fight (?:anymore|this anymore|it anymore)\\b`),
  F('unsafe', `\\bhow much longer (?:i|he|she) can (?:hold on|go on|keep going|last|do this|take it)\\b|\\babout to do something (?:stupid|bad|dumb|drastic|i will regret)\\b|\\b(?:she|he|they) (?:is|was|are|were) done(?= \\.|$)|\\blast (?:meeting|group|session|day) ever\\b|\\b(?:wrote|writing|left) (?:a|my) note\\b(?! (?:to|for) (?:my |the )?(?:supervisor|boss|teacher|team|office|coworker|landlord|doctor)\\b)|\\bwhoever (?:wants|gets|finds) (?:it|them|my)\\b|\\bdecided\\b[^~]{0,30}\\b(?:at peace|ready to go|its time)\\b`),
  F('method', `\\b(?:most painless|least painful|best|easiest|quickest|surest) (?:place|spot|way|vein|time) to (?:cut|die|jump|go|do it|hang|overdose|shoot)\\b|\\bhow to do it (?:painlessly|quickly|without)|\\bpainlessly\\b|\\b(?:can|could|will|would) (?:you|i|someone|a person) die (?:from|if|of)\\b[^~]{0,60}\\b(?:asking for (?:me|myself|a friend)|for me)\\b`),
  F('unsafe', `\\b(?:can not|cant|can|let me|should not|shouldnt) be alone (?:tonight|right now|now)\\b|\\bsomething bad (?:might|will|is going to|could) happen\\b|\\b(?:thoughts|voices) (?:are )?(?:getting )?(?:really |so )?(?:loud|dark|scary) and (?:dark|loud|scary)\\b|\\b(?:do not|dont) deserve to (?:be alive|live|exist|be here)\\b|\\bbetter without (?:people like me|me)\\b`),
  // Someone found unresponsive.
  F('overdose', `\\blips (?:are |look |were |turning )?(?:purple|blue|gray|grey)\\b|\\bpassed out\\b[^~]{0,50}\\b(?:pills|bottle|needle|meds)\\b|\\bpills everywhere\\b|\\b(?:will not|wont|not) (?:respond|responding)\\b|\\bslumped\\b[^~]{0,40}\\b(?:needle|pills|respond)\\b|\\b(?:can not|cant|will not|wont|could not) wake (?:him|her|them)(?: up)?\\b`),
  F('selfharm', near(BODY, HARMED, 5)),
  // Relapse told as "did it again" after naming the harm ("used to cut … and i did it again yesterday").
  F('selfharm', `\\b(?:cut|cutting|self harm\\w*|burn\\w*|carv\\w*|scratch\\w*)\\b[^~]{0,90}\\b(?:did it again|do it again|doing it again|did it last night|relapsed)\\b`),
  F('selfharm', `\\b(?:hit|punch|bite|scratch)\\w* (?:myself|himself|herself)\\b|\\b(?:bruises|scars|cuts) are from me\\b|\\b(?:says|said|feel|feels) (?:she|he|i) deserves? (?:it|the pain)\\b`),
  // Worth: "taking up space", "the world does not need me", "a problem for anybody".
  F('hopeless', `\\b(?:taking up (?:space|oxygen|air)|waste of (?:space|air|oxygen|life)|(?:world|anyone|anybody|nobody|no one|everyone) (?:does not|doesnt|would not|will not) (?:need|want|miss) (?:me|him|her)|(?:i am|im) (?:a|such a|just a) (?:waste|mistake|problem|burden)|better off (?:when|once|after) (?:i|he|she|they) (?:am|is|are)? ?(?:gone|dead)|(?:not|no longer) be a (?:problem|burden) (?:for|to) (?:anybody|anyone|everyone|you)|(?:done|tired of|with) being alive)\\b`),
  // Waking, sleep and ending: "disappointed that i woke up", "go to sleep and not come back", "not be a person".
  F('passive', `\\b(?:(?:disappointed|sad|angry|upset|mad) (?:that )?(?:i|he|she) (?:woke|wake) up|(?:sleep|sleeping|leave|go|gone) and (?:not|never) (?:come|coming) back|not (?:be|being) a person|(?:if|when) (?:it|this|everything) (?:were|was|is) (?:all )?over|make (?:it|this|the pain) stop (?:\\. )?permanently|only thing that (?:calms|helps|comforts)|(?:thought|idea) of (?:dying|death|not existing|being dead)|(?:not|never) (?:making|make) it (?:to|through|past)|alive by (?:the time|then|next)|(?:do not|dont) think (?:i|he|she) (?:will|ll|would) (?:be alive|make it|be here)|not going to make it through|(?:do not|dont|can not|cant) see (?:myself|himself|herself) (?:making it|being (?:here|alive|around)|alive|living) (?:to|past|through|by|until|much|another|next))\\b`),
  // Farewells and settled affairs: "made my peace", "it's time", "for whoever finds me", "take care of each other".
  F('plan', `\\b(?:made (?:my|his|her) peace|(?:i am|im|am) ready to go(?= \\.|$)|(?:its|it is) time(?= \\.|$)|whoever finds (?:me|him|her)|take care of each other|(?:updated|wrote|written|finished|made) (?:my|his|her) (?:last )?will|so (?:they|someone|somebody|you|people) (?:can|will|could) find (?:me|him|her)|(?:deal with|handle|pay) [a-z ]{0,20}after(?= \\.|$)|(?:last|final) (?:text|message|words) (?:was|were|said)|(?:gave|giving|give) (?:away )?(?:my|his|her|all (?:my|his|her)) (?:dog|cat|pets?|tools|things|stuff|guitar|clothes|belongings)(?: (?:to|away))?|(?:will not|wont|not going to) need (?:them|it|these)(?: anymore| much longer)?(?= \\.|$| anymore| much)|(?:final|last) (?:post|message|words|note)(?! (?:about|on|for|regarding|of the)\\b)|(?:said|says) (?:she|he|they) (?:was|were|is|are) done|(?:will not|wont) be (?:a problem|around|here) (?:for (?:anybody|anyone|you) )?(?:much longer|for long|anymore)|picked (?:the|a) (?:date|day)(?! (?:for|of)\\b))`),
  // Fear of oneself and asking to be stopped: "scared of myself", "before i do something i cant take back".
  F('unsafe', `\\b(?:(?:scared|afraid|terrified) of (?:myself|himself|herself|what i might do)|(?:something|anything) (?:i|he|she) (?:can not|cant|could not) (?:take back|undo)|make it through (?:the|this|tonight) ?(?:night)?(?! (?:shift|training|exam|class|meeting)\\b)|(?:voices|voice) (?:are |is )?(?:telling|tell|told) (?:me|him|her) to|(?:i am|im|not) (?:okay|ok) (?:\\. )?(?:i am|im) not safe)\\b`),
  // Spanish frames.
  F('direct', `\\b(?:tirarme|me voy a tirar|colgarme|ahorcarme|me voy a colgar|aventarme|lanzarme|me quiero tirar)\\b|\\bmejor me muero\\b|\\bganas de usarla\\b|\\bsi yo no existiera\\b|\\b(?:ya )?no despertar\\b|\\bme despedi de\\b(?! (?:del|de la) (?:grupo|clase|trabajo|oficina))|\\bperdonenme\\b|\\b(?:quiero|quisiera|ojala) que se (?:acabe|termine) (?:todo|esto|mi vida)\\b|\\b(?:en|de) (?:matarme|suicidarme|morirme|quitarme la vida)\\b|\\b(?:desmayad[oa]|inconsciente|no (?:despierta|responde))\\b|\\bpor si no (?:estoy|despierto|vuelvo|amanezco)\\b|\\bno hay nada para mi\\b|\\bencerr\\w*\\b[^~]{0,30}\\b(?:cuchillo|pastillas|pistola|navaja|soga)\\b|\\bsentido a (?:seguir )?viv\\w*|\\btomarme (?:todo|todas|el frasco)\\b`),
];
