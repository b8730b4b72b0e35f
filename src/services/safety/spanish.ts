// Spanish crisis language (accents already flattened by normalise.ts: "daño" → "dano", "más" → "mas").
// First person by the verb's own form ("quiero", "matarme", "me corto"); third by its form ("quiere", "matarse").
import type { Family, Person } from './lexicon.js';

export interface SpanishPattern {
  family: Family;
  person: Person;
  re: RegExp;
}

const S = (family: Family, person: Person, src: string): SpanishPattern => ({ family, person, re: new RegExp(`\\b(?:${src})\\b`) });
const WANT1 = '(?:quiero|quisiera|deseo|necesito|voy a|pienso|estoy pensando en|he pensado en|pense en|tengo ganas de|me dan ganas de|intente|trate de|planeo|me gustaria)';
const WANT3 = '(?:quiere|quisiera|desea|necesita|va a|piensa|esta pensando en|ha pensado en|penso en|tiene ganas de|intento|trato de|planea|dice que quiere|dijo que quiere|dice que se quiere|dijo que se quiere)';
const PILLS = '(?:pastillas|pildoras|medicinas|medicamentos|tabletas|pastillas para dormir)';

export const SPANISH: SpanishPattern[] = [
  S('direct', 'first', `${WANT1} (?:morir|morirme|matarme|suicidarme|quitarme la vida|acabar con mi vida|terminar con mi vida|desaparecer para siempre)|me (?:quiero|voy a|gustaria) (?:morir|matar|suicidar|quitar la vida)|me quiero ir de este mundo|(?:quiero|voy a) acabar con todo|(?:estoy|me siento) (?:suicida|con ganas de morir)|pensamientos suicidas|ideas suicidas|mejor me mato|me mato|me voy a suicidar|suicidarme`),
  S('passive', 'first', `(?:ya )?no quiero (?:vivir|seguir viviendo|seguir|despertar|existir|estar aqui|estar vivo|estar viva)|ojala (?:no despertara|no despierte|me muriera|me muera|estuviera muerto|estuviera muerta|no existiera|nunca hubiera nacido)|quisiera (?:estar muerto|estar muerta|no existir|no despertar|desaparecer|morirme)|quiero desaparecer|(?:quiero|quisiera) que (?:todo|esto|mi vida) (?:se )?(?:acabe|termine)|(?:dormir|dormirme) y no (?:despertar|volver a despertar)|no tengo ganas de (?:vivir|seguir viviendo)|desearia (?:estar muerto|estar muerta|no haber nacido)|no vale la pena (?:seguir|vivir)|(?:quiero|quisiera|deseo) dejar de (?:existir|vivir)|(?:pienso|pensando|pense) en (?:el )?suicidio|(?:estoy |ando )?hart[oa] de (?:vivir|la vida|existir)|me voy a ir (?:con [a-z ]{1,20} )?al cielo|(?:deseo|desearia|quisiera|quiero|preferiria) no haber nacido|ojala (?:no hubiera nacido|nunca haber nacido|desaparecer)`),
  S('hopeless', 'first', `(?:estarian|estaria) mejor sin mi|nadie (?:notaria|se daria cuenta|lo notaria)(?: si (?:me muero|muriera|desapareciera|me fuera))?|nadie me (?:extranaria|va a extranar|extrana|echaria de menos)|soy una carga|no tengo (?:razon|razones|motivo|motivos|nada|por que|porque) (?:para|por) vivir|no (?:vale|tiene sentido) (?:la pena )?vivir|ya no (?:aguanto|puedo) mas con (?:la|mi) vida|no aguanto mas (?:y|quiero)|no hay salida|sin salida|(?:me siento|estoy) sin esperanza|no (?:puedo|quiero) (?:vivir|seguir) (?:asi|mas)|no aguanto (?:mas )?(?:la|mi|esta) vida|(?:estoy |me siento )?cansad[oa] de (?:vivir|la vida|existir|estar vivo|estar viva)|(?:la|mi) vida no (?:tiene sentido|vale (?:nada|la pena))|no le (?:encuentro|veo) sentido a (?:la|mi) vida`),
  S('selfharm', 'first', `(?:me )?estoy haciendo(?:me)? dano|me (?:volvi a cortar|he vuelto a cortar|estoy cortando|corto|corte|he cortado|lastimo|lastime|he lastimado|hago dano|hice dano|quemo|queme)|(?:quiero|voy a|necesito|pienso en|estoy pensando en|tengo ganas de) (?:hacerme dano|cortarme|lastimarme|herirme|quemarme)|autolesion(?:es|arme)?`),
  S('overdose', 'first', `(?:quiero|voy a|pienso en|estoy pensando en) tomarme (?:todas (?:las|mis)|muchas|un monton de|un frasco de) ${PILLS}|(?:tome|me tome|me he tomado|trague) (?:muchas|todas (?:las|mis)|un monton de|demasiadas|un frasco de|\\d+) ${PILLS}?|(?:quiero|voy a) (?:tomar(?:me)? todas (?:las|mis) ${PILLS}|sobredosis)|tuve una sobredosis|me di una sobredosis`),
  S('plan', 'first', `tengo un plan para (?:matarme|morir|suicidarme|quitarme la vida)|me despido de todos|adios para siempre|no (?:estare|voy a estar) aqui (?:manana|mucho tiempo|la proxima semana)|(?:escribi|deje) (?:una )?carta de despedida|estoy regalando mis cosas|(?:guardando|juntando) ${PILLS}`),
  S('method', 'first', `(?:cuantas|cuantos) ${PILLS} (?:se necesitan|necesito|hay que tomar) para (?:morir|matarme)|dosis (?:letal|mortal)|forma (?:mas )?(?:facil|rapida) de (?:morir|matarme|suicidarme)|como (?:matarme|suicidarme|ahorcarme)`),
  S('unsafe', 'first', `no me siento (?:seguro|segura) (?:conmigo mism[oa]|solo|sola|esta noche)|no puedo mantenerme (?:seguro|segura)|tengo miedo de (?:hacerme dano|lo que pueda hacer)`),
  S('direct', 'third', `${WANT3} (?:morir|morirse|matarse|suicidarse|quitarse la vida|acabar con su vida)|se (?:quiere|va a) (?:morir|matar|suicidar|quitar la vida)|(?:esta|es) suicida|se (?:esta cortando|corta|corto|hace dano|lastima)|(?:tuvo|tiene|esta teniendo) una sobredosis|no (?:esta respirando|respira)|se tomo (?:muchas|todas (?:las|sus)|un monton de|un frasco de|una botella de) ${PILLS}?`),
];
