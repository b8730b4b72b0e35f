// What crisis language looks like, in the canonical text of normalise.ts, by the families of issue 11.
// Patterns describe predicates ("want to die", "kill <self>", "better off without <me>"), whoever their subject;
// detector.ts decides first or third person from the words around them. Each verb is listed in all its forms.
export type Family = 'direct' | 'passive' | 'hopeless' | 'selfharm' | 'overdose' | 'plan' | 'method' | 'unsafe';
export type Person = 'first' | 'third';

export interface Pattern {
  family: Family;
  re: RegExp;
  /** Strong patterns fire in any context; weak ones (a bare "suicide", "self harm") only outside professional talk. */
  weak?: boolean;
  /** Set when the pattern itself says who is at risk (its pronoun); otherwise the subject decides. */
  person?: Person;
}

// Building blocks (regular-expression source over lower-case words separated by single spaces).
const SELF1 = 'myself';
const SELF3 = '(?:himself|herself|themselves|yourself)';
const SELF = `(?:${SELF1}|${SELF3})`;
const POSS = '(?:my|his|her|their|your)';
const ME = '(?:me|him|her|them|you)';
const KILL = '(?:kill|kills|killed|killing)';
const DIE = '(?:die|dies|died|dying|be dead|being dead)';
const END = '(?:end|ends|ended|ending)';
const TAKE = '(?:take|takes|took|taking|taken)';
const WANT =
  '(?:want|wants|wanted|wanting|wish|wishes|wished|need|needs|going|planning|plan|plans|planned|ready|trying|try|tries|tried|about|tempted|decided|deciding|urge|urges|like|feel like|feels like|felt like|thinking about|thought about|think about|thinks about|thinking of|thought of|considering|considered|contemplating|threatening|threatened|threatens|talking about|talked about|talks about|attempt|attempted|attempting|scared|afraid|gonna|will|would|could|might|should|just)';
const SOON = '(?:tonight|today|now|right now|soon|this week|tomorrow|for good|forever|once and for all)';
const PILLS = '(?:pills|pill|meds|medication|medications|medicine|tablets|tylenol|advil|aspirin|ibuprofen|acetaminophen|xanax|benzos|oxy|oxys|percs|sleeping pills|insulin|lithium|antidepressants|painkillers|opioids|fentanyl|heroin|dope)';
const BEGONE = '(?:dead|gone|not here|not around|not alive|never born)';
const WHO = '(?:everyone|everybody|they|people|my family|my kids|my children|my wife|my husband|my partner|my friends|the world|my mom|my dad|my parents|his family|her family|their family|we|you|he|she|my son|my daughter|the kids)';

const P = (family: Family, src: string, extra: Partial<Pattern> = {}): Pattern => ({ family, re: new RegExp(`\\b(?:${src})\\b`), ...extra });

export const PATTERNS: Pattern[] = [
  // 1. Direct statements, any tense.
  P('direct', `(?:${KILL}|off|offing|offed|unalive|unaliving|unalived|top|topping|neck|necking|poison|poisoning|poisoned|hang|hanging|hanged|hung|drown|drowning|end|ending|ended) ${SELF}(?! (?:in|with|on|to|from|off|up|over|out))`),
  P('direct', `(?:shoot|shooting|shot|stab|stabbing|stabbed|suffocate|suffocating) ${SELF}(?! (?:a|an|the|in the foot|off|up|an email|a message))`),
  P('direct', `do ${SELF} in|self delete|self deleting|unalive|unaliving`),
  P('direct', `${WANT} (?:to )?(?:${DIE}|death)`),
  P('direct', `(?:${END}|${TAKE}) ${POSS} (?:own )?life|(?:${END}|end) (?:it all|everything|things|this life|it for good|it tonight|it now|it today|it soon)|${END} it(?= \\.|$| (?:tonight|now|today|soon|for good|all|before|this|after))`),
  P('direct', `(?:want|wants|wanted|going|ready|planning|plan|decided|about|trying|tried|need|gonna|will) to end it(?! (?:with|at|early|there|here|now and|on))`),
  P('direct', `(?:commit|committing|committed|attempt|attempted|attempting|consider|considering|considered|contemplate|contemplating|contemplated|thinking about|thought about|think about|thinking of|thinks about|thought of|plan|planning|planned|survived) (?:a )?suicide|suicide attempt(?:s)? (?:again|last|this|yesterday)`),
  P('direct', `(?:feel|feeling|felt|am|is|was|been|being|get|getting|got|are|be|become|became|seems|sounds|so|very|really|actively|pretty|kind of|a bit|little) suicidal|suicidal (?:thoughts|feelings|urges|ideation|again|lately|tonight|today|right now)`),
  P('direct', `(?:have|having|had|has|get|getting|with|my|his|her|their|the) (?:suicidal|dark) (?:thoughts|urges|ideation) (?:of|about) (?:dying|death|killing|ending)`),
  P('direct', `suicide|suicidal|kill ${SELF1}`, { weak: true }),
  // 2. Passive wishes.
  P('passive', `(?:hope|hoping|hopes|pray|praying|prays|wish|wishing|wishes) (?:that )?(?:i|he|she|they|to)? ?(?:do not|does not|will not|would not|never|dont|wont) (?:wake up|wake|get up again)`),
  P('passive', `(?:do not|does not|did not|dont|never) (?:want|wanna|wish) to (?:wake up|be alive|be here|exist|live|be around|be on this earth|be in this world)(?! (?:in|at|near|with|on|by|there|for|during|until|till|when|if|where|this early|so early|that early))`),
  P('passive', `(?:wish|wishes|wished|wishing|want|wants|rather|would rather|hope|hoping) (?:that )?(?:i|he|she|they|to)? ?(?:was|were|be|could be|would be|had been|am) ${BEGONE}|(?:i|he|she|they) should (?:be|have been) dead|rather (?:be )?dead`),
  P('passive', `(?:wish|wishes|wished) (?:that )?(?:i|he|she|they) (?:had never|never|didnt|did not|could|would|could just|would just) (?:been born|existed|exist|be born|die|disappear|stop existing|not exist|not wake up|go to sleep forever|sleep forever|vanish|fade away)`),
  P('passive', `(?:want|wants|wanted|wish|wishes|need) to (?:disappear|vanish|stop existing|not exist|cease to exist|fade away|sleep forever|go to sleep forever|go to sleep and never wake up|not be alive|not be here)(?! (?:into|for a|from this|from the|for the|on a|to a))`),
  P('passive', `(?:stop|stopped|stopping) existing|(?:sleep|asleep) forever|never wake up|not wake up|(?:hope|hoping|wish|pray) (?:a|that a|some) (?:car|bus|truck|train) (?:hits|would hit|will hit|runs over) (?:me|him|her|them)`),
  P('passive', `(?:want|wants|need|wish) (?:it all|everything|the pain|it|this|life) to (?:stop|end) (?:for good|forever|permanently)|(?:want|wants) (?:it all|everything) to (?:stop|end)`),
  // 3. Hopelessness and burden.
  P('hopeless', `no (?:reason|point|purpose) (?:to|in|for) (?:live|living|life|go on|going on|keep going|keep living|be here|being here|be alive|being alive|stay|staying|wake up|get up|try anymore|continue)|no (?:reason|point) (?:anymore|any more)`),
  P('hopeless', `nothing (?:left )?to live for|(?:what is|what s|whats|there is no|theres no|is there any|no) (?:the )?point (?:of|in) (?:living|life|going on|being alive|anything anymore|being here|waking up|trying anymore|it all)`),
  P('hopeless', `${WHO} (?:would|will|d|be|are|is|might) (?:be )?(?:so )?(?:much )?(?:better|happier) (?:off )?(?:without ${ME}|if (?:i|he|she|they) (?:was|were|am|is|died|disappeared|was gone|were gone|wasnt|was not|werent|were not) ?${BEGONE}?)`),
  P('hopeless', `better off (?:dead|gone|without ${ME})|(?:no one|nobody|noone|no body) (?:would |will |d )?(?:even |really |ever |actually )?(?:care|notice|miss ${ME}|cry)(?: if (?:i|he|she|they) (?:died|was gone|were gone|disappeared|wasnt here|was not here|killed))?`),
  P('hopeless', `(?:am|is|are|feel like|feels like|just|such) (?:just )?(?:a|such a) (?:burden|waste of space)(?! (?:of proof|on the budget|for the agency))`),
  P('hopeless', `can not (?:go on|keep going|keep living|do this anymore|take (?:it|this) anymore|live like this|live with (?:this|myself)|handle (?:it|this|life) anymore|bear (?:it|this) anymore|keep doing this|stand (?:it|this|being alive|living) anymore|go on living|continue)(?! (?:to|with the|with my) (?:get|the|cprs|crss|exam|training|class))`),
  P('hopeless', `(?:see|there is|theres|is|there s) no way out|no way out (?:of this|but|except)|(?:give|giving|gave|given) up on (?:life|living|everything|myself|being alive)|(?:am|is|so) done with (?:life|living|everything|being alive|it all)|(?:tired|sick|exhausted) of (?:living|being alive|life|existing|being here|waking up)`),
  P('hopeless', `(?:feel|feeling|felt|am|so|completely|totally|utterly|really) (?:so |completely |totally |utterly |very )?(?:hopeless|worthless)(?! (?:about|at|with|when it comes to) (?:the|this|passing|my|math|exam|test|cooking|studying))|nothing will ever get better|no hope left|lost all hope|(?:do not|can not) see a future`),
  // 4. Self-harm.
  P('selfharm', `(?:cut|cuts|cutting|burn|burns|burned|burnt|burning|hurt|hurts|hurting|harm|harms|harmed|harming|hit|hits|hitting|punish|punishing|punished|scratch|scratching|starve|starving|injure|injuring|injured|mutilate|mutilating) ${SELF}(?! (?:out|up|off|on the|in the kitchen|cooking|shaving|by accident|accidentally|a break|some slack|a slice))`),
  P('selfharm', `(?:cut|cutting|cuts) (?:${POSS} )?(?:wrists|wrist|arms|arm|legs|leg|thighs|thigh|skin|stomach)|slit ${POSS} wrists|(?:started|start|keep|kept|been|still|relapsed|relapse|back to|urge to|urges to|want to|wanna|need to|going to) (?:and started )?cutting(?! (?:back|down|out|costs|corners|hair|class|ties|the|my hours|hours|it|in|off|up|sugar|carbs|grass|paper))|(?:urge|urges|want|wants|need) to cut(?! (?:back|down|out|costs|corners|hair|class|ties|the|my hours|hours|it|in|off|up|sugar|carbs|grass|paper|my|a))|cutting again`),
  P('selfharm', `(?:am|is|been|keep|started|start|do|does|relapsed on|relapsed into|back to|urge to|want to|i) (?:self harm|self harming|self injure|self injuring|self injury)|self harm(?:ing)? again`),
  P('selfharm', `self harm|self harming|self injury|self injuring`, { weak: true }),
  // 5. Overdose and poisoning.
  P('overdose', `(?:overdosed|overdosing|overdoses)(?! (?:in|last year|years|awareness|prevention|deaths|death|rates|reversal|response|training))|(?:took|taken|take|swallowed|swallow|ate|downed|had|taking|popped|pop|used|did) (?:a (?:whole|full|entire) (?:bottle|pack|box|strip)|all|too many|too much|way too much|a bunch|a handful|handfuls|(?:like |about |over |almost )?\\d+|the whole bottle|the rest|everything)(?: of)?(?: ${POSS}| the)? ?${PILLS}?(?= |$)(?! (?:time|of my time|on|at work|of work|hours|credit|ceus|classes|courses|trainings|steps|money))`),
  P('overdose', `${WANT} (?:to )?(?:overdose|od)|(?:want|wants|going|ready|planning|plan|gonna|decided) to (?:use|drink|take (?:pills|everything)) (?:until|till) (?:i|he|she|they) (?:die|dies|do not wake up|pass out forever)|(?:mix|mixed|mixing) (?:pills|xanax|benzos|meds|${PILLS})[^.]{0,30}(?:on purpose|to die|so i die)|(?:can not|cant|is not|isnt|not) breathing|(?:can not|cant) breathe right`),
  P('overdose', `overdose`, { weak: true }),
  // 6. Plans, means and goodbyes.
  P('plan', `(?:have|had|has|got|made|making|make|with) (?:a|the|my|his|her|their) plan (?:to|for|of) (?:end|kill|die|suicide|do it|how|when|overdose|take)|(?:have|has|had|got) a plan (?:and|with) (?:a|the|my)? ?(?:gun|rope|pills|date|time|means|method)|(?:a gun|a rope|pills|a knife) and a plan|know (?:how and when|when and how|exactly how) (?:i am|im|i|he is|she is|they are) going to do it`),
  P('plan', `(?:saving|saved|save|stockpiling|stockpiled|hoarding|hoarded|collecting|collected|stashing|stashed|been saving) (?:up )?(?:${POSS} |some |all )?${PILLS}|(?:bought|buying|got|have|has|getting|get) (?:a|the) (?:gun|rope|noose|blade)(?: [a-z]+){0,3} (?:ready|to use|for myself|and (?:i|he|she|they) know|so (?:i|he|she) can)|(?:rope|noose|gun) (?:is )?ready`),
  P('plan', `(?:wrote|written|writing|write|left|leaving|leave|drafted|sent|sending|send|texted|texting|posted|posting|recorded)(?: [a-z]+){0,2} (?:a|my|his|her|their|the) (?:suicide|goodbye|farewell|last|final) (?:note|notes|letter|letters|message|messages|text|texts|post|video)|(?:suicide|goodbye) (?:note|letter)s?`),
  P('plan', `this is (?:goodbye|my (?:last|final) (?:message|post|goodbye|day|night))|goodbye (?:everyone|everybody|all|forever|for good|world|cruel world)|(?:saying|said|say|say my) (?:goodbye|goodbyes|my goodbyes) (?:to everyone|forever|to everybody|for good|for the last time)|final goodbye|last goodbye|by the time (?:you|anyone|someone) (?:read|reads|see|sees) this`),
  P('plan', `(?:will not|will no longer|wont|not going to) be (?:here|around|alive) (?:much longer|tomorrow|anymore|next week|by|for long|after tonight|this time next)|(?:giving|give|gave|given|gives) (?:away )?(?:all )?(?:${POSS} |of ${POSS} )?(?:stuff|things|belongings|possessions|pets|cat|dog|car|clothes) away|(?:giving|give|gave|gives) away (?:all )?(?:${POSS} |of ${POSS} )?(?:stuff|things|belongings|possessions|pets|cat|dog|clothes)|picked a (?:date|day|time) to (?:end|die|do it|kill)|(?:set|picked|chose) the date`),
  // 7. Method-seeking: answered with help, never with the information.
  P('method', `how (?:many|much)(?: [a-z0-9]+){0,4} (?:would|will|does it|do you|to|it takes to|is|are|would it take to|does it take to|before) (?:kill|die|overdose|od|be lethal|lethal|fatal|be fatal|stop (?:my|your|a) heart|end it|never wake up)|lethal (?:dose|amount)|fatal (?:dose|amount)`),
  P('method', `(?:easiest|easy|quickest|quick|fastest|painless|best|surest|least painful|simplest) (?:way|ways|method|methods) (?:to )?(?:die|kill|end|suicide|commit|overdose|go)|(?:how|ways) to (?:die|kill ${SELF}|hang ${SELF}|end ${POSS} life|commit suicide|overdose|od|bleed out|slit)(?! (?:of|from|in a|on the job))|how (?:do i|can i|would i|to|does one|do you) (?:hang|kill|poison|drown|shoot|suffocate) ${SELF}|bleed out|how deep (?:[a-z]+ ){0,4}cut|(?:high|tall) enough to (?:jump|die|kill)|what happens if (?:i|you|someone) (?:take|takes|took|swallow|swallows|drink|drinks) (?:\\d+|a (?:whole )?bottle|all|too many)`),
  // 8. Not feeling able to keep oneself safe.
  P('unsafe', `(?:can not|do not|does not|can t|could not|not able to|unable to|am not able to) (?:keep|stay|be|feel) (?:${SELF} )?safe(?! (?:from (?:the|covid|flu)|at work|online|on the road|driving))|(?:not|never) safe (?:with|from|around) ${SELF}|(?:am|is|are|feel|feels|do not feel|dont feel|not feeling) not safe (?:alone|tonight|right now|with ${SELF})|not safe (?:alone|tonight) (?:right now|tonight)?|(?:do not|can not|dont) (?:feel )?safe with ${SELF}`),
  P('unsafe', `(?:scared|afraid|terrified|worried|frightened) (?:of )?(?:what (?:i|he|she|they) (?:might|will|could|would) do(?: to ${SELF})?|(?:i|he|she|they) (?:might|will|could|would|am going to|is going to) (?:hurt|harm|kill|do something)|(?:of )?hurting ${SELF})|(?:do not|can not|dont) trust ${SELF} (?:tonight|right now|alone|anymore|to be safe|not to)|(?:can not|cant) promise (?:i|he|she|they)? ?(?:will|ll|can|d)? ?(?:be|stay|keep) safe|might do something (?:stupid|drastic|bad|dangerous)(?: to ${SELF})?(?! (?:in|at) (?:the|my|this) (?:meeting|exam))|(?:am|feel|is) not safe (?:alone|right now)`),
];
