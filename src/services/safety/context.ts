// The layer that keeps ordinary talk ordinary. Before the crisis patterns run, idioms ("this paperwork is killing
// me", "dying to hear back", "killed it on the exam") and plain negations ("i am not suicidal") are blanked out, and
// the names of trainings and services ("suicide prevention", "988") are blanked for the weak patterns. A crisis
// statement elsewhere in the same message still counts: only the matched words are blanked.

/** Hyperbole and idioms that use crisis words for something else. */
export const IDIOMS: RegExp[] = [
  /\b(?:is|are|was|were|its|it is|this|that|these|those|they|hours|paperwork|job|work|class|exam|commute|heat|back|feet|knees|head|deadline|traffic|boss)\b(?: [a-z]+){0,2} (?:killing|kills|killed|gonna kill|going to kill|will kill|about to kill) (?:me|us|him|her|them|my [a-z]+)\b/g,
  /\bkilling (?:myself|me) (?:trying|to get|to finish|to make|working|studying|over|with|at work|for)\b/g,
  /\b(?:kill|killed|killing|kills) (?:it|them|the (?:exam|test|game|lights|engine|process|poll|meeting)|some time|time|two birds|the old|a poll|that poll)\b/g,
  /\b(?:would|could|d) (?:kill|die) for\b/g,
  /\b(?:dying|died|die|dead|death) (?:to (?:know|hear|see|try|get|go|meet|find|start|read|eat|learn|ask|tell|share|join)|of (?:embarrassment|laughter|boredom|shame|cringe|curiosity|thirst|hunger|heat|cold)|laughing)\b/g,
  /\b(?:lol|lmao|haha|omg) (?:i am|im) (?:dead|dying|deceased)\b|\b(?:i am|im) (?:dead|dying|deceased)(?= (?:lol|lmao|haha|omg)\b)/g,
  /\b(?:dead|bored|scared|sick|worked|tired|worried) (?:tired|to death|of death)\b/g,
  /\bto die for\b(?! (?:weeks|days|months|years|a while|so long|a long time|ages|hours)\b)/g,
  /\b(?:the death of me|die hard|dead end|deadline|dead tired|never say die|do or die)\b/g,
  /\b(?:battery|phone|laptop|computer|car|plant|plants|program|project|meeting|printer|wifi|zoom|idea|conversation|group|engine|mic|camera) (?:is |was |has |just )?(?:died|dying|dead|is dead|killed)\b/g,
  /\b(?:die|dye|dyed|dying) (?:my|her|his) hair\b/g,
  /\b(?:i|we) (?:could|would|might) (?:just )?die(?= (?:i|we|my|of|if|when|lol))/g,
  /\bgoing to die if\b/g,
  /\b(?:drown|drowning|drowned) in (?:paperwork|work|emails|debt|forms)\b/g,
  /\bend of (?:my|the) rope\b/g,
  /\b(?:od|overdose|overdosed|overdosing) on (?:coffee|caffeine|sugar|candy|chocolate|netflix|tv|pizza|work|trainings|love|memes)\b/g,
  /\bgoing to be the death of me\b/g,
  /\b(?:me|se|te) (?:corte|corto|corta|lastime|lastimo|queme|quemo) (?:[a-z]+ ){0,3}(?:jugando|cocinando|sin querer|por accidente|con (?:el|un|una|la) (?:papel|cuchillo|vidrio|lata|estufa|plancha))\b/g,
  /\b(?:telefono|celular|cel|bateria|laptop|computadora)\b(?: [a-z]+){0,3} (?:va a morir|se va a morir|se muere|se murio|esta muriendo|muriendo)\b|\bme muero de (?:risa|hambre|sueno|verguenza|calor|frio|ganas|nervios)\b/g,
  /\b(?:this|the|my|a) (?:week|day|shift|semester|month|meeting|training|exam|year|workday|quarter) to be over\b/g,
  /\b(?:die|dying|died) on (?:this|that|the|a|every) hill\b|\bhill (?:i|we|you) (?:will|would|am going to|are going to) die on\b/g,
  /\b(?:phone|battery|laptop|computer|tablet|charge)\b(?: [a-z0-9]+){0,4} (?:about to|going to|is going to|gonna) die\b/g,
  /\b(?:ate|eaten|eating|full|stuffed|food)\b(?: (?!pills|meds|tablets|bottle)[a-z0-9]+){0,8} (?:i am |im )?(?:going to|gonna|about to) (?:die|explode)\b/g,
  /\b(?:bottle|glass|cup|jug|pitcher) of water\b|\bwater (?:bottle|fountain|cooler|bill|heater)\b/g,
  /\bnot safe (?:driving|to drive|on the roads?|in (?:this|the) (?:snow|storm|ice|rain|weather)|for (?:kids|children|pets))\b/g,
  /\bme (?:corte|corto|cortaron) el (?:pelo|cabello|fleco)\b/g,
  /\b(?:on|off|up on) the roof (?:fixing|cleaning|repairing|shoveling|putting|getting|installing|to fix|to clean)\b/g,
  /\b(?:nobody|no one) (?:would|will) (?:even )?notice if (?:i|we) (?:skipped|skip|missed|miss|left|leave|took|was late|came late|wore|forgot)\b/g,
];

/** Plain negations of a crisis state. Only the negated words go; another crisis phrase in the message still counts. */
export const NEGATIONS: RegExp[] = [
  /\b(?:am not|is not|are not|was not|not|never|no longer|never been|not feeling|not been) (?:feeling )?(?:suicidal|going to (?:kill|hurt) (?:myself|himself|herself))\b/g,
  /\b(?:would|will|could) never (?:kill|hurt|harm|cut) (?:myself|himself|herself|themselves)\b/g,
  /\b(?:the )?(?:word|words|term|terms|phrase|saying|say) (?:committed|commit|completed|successful) suicide\b/g,
  /\bnot (?:trying|going|planning) to (?:kill|hurt|harm) (?:myself|anyone)\b/g,
  /\b(?:not|never|no longer) (?:thinking|thought|planning) (?:of|about|on) (?:hurting|killing|harming|cutting) (?:myself|himself|herself)\b/g,
  /\b(?:i|he|she) (?:do not|does not|dont|doesnt) want to (?:die|kill (?:myself|himself|herself)|hurt (?:myself|himself|herself))(?! (?:but|yet|though|anymore|and i (?:do|can|will|keep|might|am going)|if)\b)(?!,? but\b)/g,
  /\bno (?:self harm|cutting|suicidal thoughts|suicide stuff)(?= here| at all| going on| just)/g,
  /\b(?:nobody|nobodys|no one|noone) (?:is |s )?(?:hurting|harming|cutting|killing) (?:themselves|himself|herself|myself)\b/g,
  /\b(?:years|months|a long time|a while|decades) ago (?:i|he|she) (?:wanted to die|was suicidal|tried to (?:kill|end)|attempted)\b/g,
  /\b(?:years|yrs|months|days|year|weeks) (?:since|after) (?:my|his|her|their) (?:last |first )?(?:overdose|suicide attempt|attempt|relapse|self harm)\b/g,
  /\b(?:i|he|she) (?:survived|recovered from) (?:an overdose|a suicide attempt|self harm)\b/g,
  /\b(?:recovery|recovering|recovered|history|story|stories|years|healing) (?:from|of) (?:self harm|self injury|cutting|an overdose|overdoses|suicide attempts?|a suicide attempt|suicidal thoughts)\b/g,
];

/** Trainings, services and topics: blanked before the weak patterns ("suicide", "self harm", "overdose") run. */
export const TOPICS: RegExp[] = [
  /\b(?:suicide|suicidal|self harm|self injury|overdose|overdoses|overdosing) (?:prevention|awareness|risk|risks|loss|losses|survivors?|rates?|statistics|stats|data|hotline|lifeline|line|crisis line|training|trainings|workshop|course|class|screening|screener|screen|assessment|assessments|severity|postvention|coalition|walk|month|week|day|toolkit|policy|policies|protocol|response|reversal|deaths?|victims?|ideation|attempt survivors|intervention|first aid|care|safety|education|research|in (?:youth|veterans|teens)|among)\b/g,
  /\b(?:prevention|awareness|loss|survivors?|lost (?:a|my|our|his|her) [a-z]+) (?:of|to|from|about|on|after) (?:a |an )?(?:client |member )?(?:suicide|overdose|overdoses|self harm)\b/g,
  /\b(?:died|dies|death|deaths|die) (?:by|of|from) (?:a |an )?(?:suicide|overdose|overdoses)\b/g,
  /\blethal means\b/g,
];

/** Words that say a message is about work, training or services, not about the writer right now. */
export const PROFESSIONAL = new RegExp(
  `\\b(?:${[
    'training', 'trainings', 'workshop', 'course', 'courses', 'class', 'webinar', 'seminar', 'conference', 'presentation', 'presenting', 'lecture', 'curriculum', 'module',
    'ceu', 'ceus', 'credit', 'credits', 'certified', 'certification', 'certificate', 'crss', 'cprs', 'chw', 'icb', 'renewal', 'exam', 'test',
    'asist', 'qpr', 'safetalk', 'mhfa', 'first aid', 'instructor', 'gatekeeper', 'postvention',
    'prevention', 'awareness', 'screening', 'screener', 'assessment', 'c ssrs', 'columbia', 'protocol', 'policy', 'guideline', 'guidelines', 'best practices', 'evidence',
    'rates', 'statistics', 'data', 'research', 'book', 'books', 'podcast', 'article', 'toolkit', 'handout', 'resource', 'resources',
    '988', 'hotline', 'lifeline', 'warm line', 'crisis line', 'crisis text line', 'mobile crisis', 'cares line', 'call center',
    'naloxone', 'narcan', 'harm reduction', 'test strips',
    'client', 'clients', 'patients', 'participants', 'consumers', 'peers', 'youth', 'families', 'agency', 'staff', 'supervisor', 'group after',
    'safety plan', 'safety planning', 'support group', 'support groups', 'group', 'groups', 'document', 'documentation', 'incident report', 'report it', 'duty to warn', 'mandated', 'ethics',
    'warning signs', 'risk factors', 'the word', 'the words', 'language', 'safe messaging', 'recognise', 'recognize',
    'lived experience', 'my story', 'history of', 'in recovery', 'past', 'years ago', 'survivors', 'memorial', 'honour', 'honor', 'grieving', 'lethal means',
  ].join('|')})\\b`,
);

/** Questions asking what something is. */
export const INFO = /\b(?:what is|what are|what does|definition|difference between|mean|means|meaning)\b/;

/** An imagined or general case ("if a client says…", "someone who…"), unless it is happening now. */
export const HYPOTHETICAL = /\b(?:if|when|whenever|in case|suppose|supposing|what if) (?:a|an|the|my|our|your|someone|somebody|anyone|they|he|she|people|clients?|peers?|members?)\b|\b(?:a|an) (?:client|peer|person|member|participant|patient|youth|student) (?:who|that)\b|\b(?:clients|peers|people|someone|somebody|anyone|folks|members) (?:who|that|having|with)\b|\b(?:signs?|symptoms?) (?:that|of|a|if)\b|\bhow (?:do|should|can|would) (?:i|we|you|peers) (?:talk|respond|support|help|ask|screen|assess|document|handle|work)\b/;
export const NOW = /\b(?:right now|now|tonight|today|just|currently|at the moment|on the phone|in my office|in front of me|this morning|this afternoon|last night|not breathing|texted me|told me|(?<!who )said|(?<!who )says|posted|is (?:suicidal|overdosing|cutting))\b/;

/** Like blank, but each blanked span becomes one marker word, so the model knows an idiom or a negation was there. */
export function mark(text: string, res: RegExp[], marker: string): string {
  let s = text;
  for (const re of res) s = s.replace(re, (m) => m.replace(/^(\W*).*?(\W*)$/, `$1${marker}$2`));
  return s;
}

export function blank(text: string, res: RegExp[]): string {
  let s = text;
  for (const re of res) s = s.replace(re, (m) => m.replace(/[a-z0-9]+/g, '~'));
  return s;
}
