import type { DemoContext } from '@dentalpin/core';
import { ClinicalNotesDemoPatientsDocument } from './generated/operations.ts';
import { ClinicalNoteService, NoteTemplateService } from './service.ts';

/** Skeletons a Spanish clinic starts from (the demo clinic is in Madrid). */
const TEMPLATES = [
  {
    name: 'Endodoncia — sesión',
    body: 'Diente: \nAnestesia: \nConductos localizados: \nLongitud de trabajo: \nIrrigación: NaOCl 5,25 %\nObturación: \nObservaciones: ',
  },
  {
    name: 'Periodoncia — raspado y alisado',
    body: 'Cuadrantes tratados: \nAnestesia: \nSangrado al sondaje: \nInstrucciones de higiene: \nPróxima revisión: ',
  },
  {
    name: 'Implante — colocación',
    body: 'Posición: \nImplante (marca, diámetro × longitud): \nTorque de inserción: \nInjerto: \nSutura: \nIndicaciones postoperatorias entregadas: sí',
  },
  {
    name: 'Primera visita — diagnóstico',
    body: 'Motivo de consulta: \nExploración extraoral: \nExploración intraoral: \nPruebas complementarias: \nDiagnóstico: \nPlan propuesto: ',
  },
];

const NOTES: { toothNumber: number | null; body: string }[] = [
  { toothNumber: null, body: 'Paciente refiere sensibilidad al frío en el lado izquierdo desde hace dos semanas.' },
  {
    toothNumber: 36,
    body: 'Caries oclusal profunda; se recomienda radiografía periapical antes de decidir endodoncia.',
  },
  {
    toothNumber: 11,
    body: 'Fisura del esmalte en el borde incisal, sin sintomatología. Vigilar en la próxima revisión.',
  },
];

/** The clinic's templates, and a few notes, written by the demo dentist, on the first demo patients. */
export async function seedDemoNotes(ctx: DemoContext): Promise<void> {
  const templates = new NoteTemplateService(ctx);
  for (const template of TEMPLATES) await templates.create(template);
  const { patients } = await ctx.query(ClinicalNotesDemoPatientsDocument, {});
  const dentist = ctx.users.dentist;
  const notes = new ClinicalNoteService(dentist ? { ...ctx, identity: { ...ctx.identity, userId: dentist } } : ctx);
  for (const [i, patient] of patients.items.entries())
    await notes.create({ patientId: patient.id, ownerType: 'patient', ...NOTES[i % NOTES.length] });
}
